/* A Python object as an R value (R/rvalues.R): an ALTREP marker, a raw
 * vector of length 0, kept as an attribute of the environment reticulate
 * holds the object in. R's serialize() asks the marker for its state, and R
 * code answers with the object's bytes; unserialize() hands the state back,
 * and R code rebuilds the object into that same environment. */
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Altrep.h>
#include <R_ext/Rdynload.h>

static R_altrep_class_t value_class;
static Rbyte nothing;

/* kerasbridge:::<fn>(arg), in the package namespace */
static SEXP call_package(const char *fn, SEXP arg) {
  SEXP ns = PROTECT(R_FindNamespace(Rf_mkString("kerasbridge")));
  SEXP call = PROTECT(Rf_lang2(Rf_install(fn), arg));
  SEXP out = Rf_eval(call, ns);
  UNPROTECT(2);
  return out;
}

static SEXP value_state(SEXP x) {
  return call_package("py_value_state", R_altrep_data1(x));
}

static SEXP value_unserialize(SEXP cls, SEXP state) {
  (void) cls;
  return call_package("py_value_restore", state);
}

static R_xlen_t value_length(SEXP x) {
  (void) x;
  return 0;
}

static void *value_dataptr(SEXP x, Rboolean writeable) {
  (void) x; (void) writeable;
  return &nothing;
}

static const void *value_dataptr_or_null(SEXP x) {
  (void) x;
  return &nothing;
}

static SEXP value_duplicate(SEXP x, Rboolean deep) {
  (void) deep;
  return R_new_altrep(value_class, R_altrep_data1(x), R_NilValue);
}

static Rboolean value_inspect(SEXP x, int pre, int deep, int pvec,
                              void (*inspect_subtree)(SEXP, int, int, int)) {
  (void) x; (void) pre; (void) deep; (void) pvec; (void) inspect_subtree;
  Rprintf(" kerasbridge Python value marker\n");
  return TRUE;
}

SEXP kb_value_new(SEXP env) {
  return R_new_altrep(value_class, env, R_NilValue);
}

void kb_init_rvalues(DllInfo *dll) {
  value_class = R_make_altraw_class("kb_py_value", "kerasbridge", dll);
  R_set_altrep_Length_method(value_class, value_length);
  R_set_altrep_Serialized_state_method(value_class, value_state);
  R_set_altrep_Unserialize_method(value_class, value_unserialize);
  R_set_altrep_Duplicate_method(value_class, value_duplicate);
  R_set_altrep_Inspect_method(value_class, value_inspect);
  R_set_altvec_Dataptr_method(value_class, value_dataptr);
  R_set_altvec_Dataptr_or_null_method(value_class, value_dataptr_or_null);
}
