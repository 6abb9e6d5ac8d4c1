"""The one factory behind every ``new_*_class`` constructor.

``make_class(kind, classname, members)`` builds a real Keras subclass:

- ``initialize`` becomes ``__init__``; after it runs, the factory checks that
  the parent's ``__init__`` ran and says how to fix it when it did not;
- Python methods are used as they are (``self`` first). Free functions can't
  use zero-argument ``super()``; they reach the parent with the two-argument
  form, which resolves the name when the method runs::

      def initialize(self, units=4, **kwargs):
          super(MyDense, self).__init__(**kwargs)
      MyDense = new_layer_class("MyDense", initialize=initialize, ...)

- R methods (``r_methods``: name -> (R function, R formals)) get a Python
  signature built from their R formals, so Keras sees ``training``, ``mask``
  and every input; their errors become ``MethodError`` naming the class, the
  method and the epoch/batch; each kind adapts arguments for R (callbacks: 1-based
  epoch/batch, see callback.py);
- ``mark_active(fn)`` members become properties;
- the class is registered with Keras under ``kerasbridge>classname`` so a saved
  model loads back without ``custom_objects`` once the class is defined again.
"""

import functools
import inspect
import weakref

import keras

from .. import frontend, tracking
from ..errors import ArgumentError, MethodError, RThreadError, r_result
from ..replicas import enter_r
from ..legacy import classes as keras2
from . import hooks, registry
from .active import ActiveProperty

PACKAGE = "kerasbridge"


class KindSpec:
    """What differs between constructors: the Keras base class, the Keras 2
    compatibility mixin, how to tell that the parent __init__ ran, and how an
    R method's arguments and result are adapted."""

    def __init__(self, kind, base, compat=None, super_called=None, adapt_r=None,
                 adapt_python=None, constructor=None):
        self.kind = kind
        self.base = base
        self.compat = compat
        self.super_called = super_called or (lambda obj: True)
        self.adapt_r = adapt_r or {}
        self.adapt_python = adapt_python or {}
        self.constructor = constructor or f"new_{kind}_class"


@functools.cache
def kinds():
    """Every kind of class the constructors make, by name. Each constructor
    module declares its ``SPEC``; they are listed here, once (imported on first
    use: those modules import this one)."""
    from . import callback, constraint, layer, loss, metric, model, plain, schedule
    return {m.SPEC.kind: m.SPEC for m in (layer, model, metric, loss, callback, constraint, schedule,
                                          plain)}


class _RDefault:
    """Stands for an R default that is an expression: R evaluates it, never Python."""

    def __repr__(self):
        return "<R default>"


R_DEFAULT = _RDefault()


def _describe_position(phase, epoch, batch):
    if phase is None:
        return ""
    parts = []
    if epoch is not None:
        parts.append(f"epoch {frontend.index(epoch)}")
    if batch is not None:
        parts.append(f"batch {frontend.index(batch)}")
    return f" during {phase}()" + (", " + ", ".join(parts) if parts else "")


def method_label(classname, name):
    if frontend.is_r():
        return f"{classname}${name}()"
    return f"{classname}.{'__init__' if name == 'initialize' else name}()"


def method_error(classname, name, exc, epoch=None, batch=None, phase=None):
    """A MethodError for an R method that failed, with where Keras was."""
    if phase is None:
        phase, epoch2, batch2 = tracking.current()
        epoch = epoch if epoch is not None else epoch2
        batch = batch if batch is not None else batch2
    original = str(exc).strip()  # R's conditionMessage()
    msg = (f"{method_label(classname, name)} failed{_describe_position(phase, epoch, batch)}: "
           f"{original}")
    # the R condition itself stays in R, under this id (see errors.py)
    return MethodError(msg, classname=classname, method=name, epoch=epoch, batch=batch,
                       r_error_id=getattr(exc, "r_error_id", None))


def _note_python_error(exc, classname, name):
    """Python users keep their exception type; a note says where it happened."""
    if getattr(exc, "_kb_noted", False):
        return
    phase, epoch, batch = tracking.current()
    try:
        exc.add_note(f"(raised in {method_label(classname, name)}"
                     f"{_describe_position(phase, epoch, batch)})")
        exc._kb_noted = True
    except (AttributeError, TypeError):
        pass


def _super_missing_error(spec, classname, cause=None):
    # With `cause`: initialize failed before the parent's initialize ran; the
    # failure may be unrelated, so it is quoted first.
    if frontend.is_r():
        fix = "Call `super$initialize(...)` at the start of `initialize`."
    else:
        fix = (f"Call `super({classname}, self).__init__(**kwargs)` at the start "
               "of `initialize`.")
    if cause is not None:
        msg = (f"{method_label(classname, 'initialize')} failed before the parent class's "
               f"initialize ({spec.base.__name__}.__init__) ran: {str(cause).strip()}\n"
               f"If it is not called yet: {fix}")
    else:
        msg = (f"{classname}: `initialize` did not call the parent class's initialize "
               f"({spec.base.__name__}.__init__). {fix}")
    return MethodError(msg, classname=classname, method="initialize")


def _signature_from_r(params, r_missing=False):
    """An inspect.Signature (self first) from R formals sent by the R side.

    params: list of dicts {name, has_default, default, constant_default}; R's
    `...` arrives as name "..." and becomes **kwargs. With `r_missing`, an
    argument without default may be left out, as in R (it is then missing in
    R): for plain classes, whose methods only R code calls."""
    out = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for p in params or []:
        name = p["name"]
        if name == "...":
            out.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
            continue
        if p.get("has_default"):
            default = p.get("default") if p.get("constant_default") else R_DEFAULT
        else:
            default = R_DEFAULT if r_missing else inspect.Parameter.empty
        out.append(inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                     default=default))
    try:
        return inspect.Signature(out)
    except ValueError:
        # An R formal that is not a Python identifier, or a default before a
        # required one: Keras then sees a generic signature.
        return inspect.Signature([out[0],
                                  inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
                                  inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])


def _with_varargs(sig):
    """`sig` with *args before its **kwargs (when it has none and the result is valid)."""
    params = list(sig.parameters.values())
    if any(p.kind == p.VAR_POSITIONAL for p in params) or "args" in sig.parameters:
        return sig
    i = next(i for i, p in enumerate(params) if p.kind == p.VAR_KEYWORD)
    try:
        return sig.replace(parameters=params[:i] + [
            inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL)] + params[i:])
    except ValueError:
        return sig


def with_signature(name, sig, impl):
    """A real function `name` with signature `sig` (self first) that calls
    impl(self, **named arguments). Keras inspects methods (and copies their
    attributes when it wraps `build`), so the parameters must be real, not a
    `__signature__` attribute. Arguments left at an R default are not passed:
    R evaluates its own defaults."""
    params = list(sig.parameters.values())
    parts, names, defaults = [], [], {}
    varargs = varkw = None
    for p in params:
        if p.kind == p.VAR_POSITIONAL:
            parts.append("*" + p.name)
            varargs = p.name
        elif p.kind == p.VAR_KEYWORD:
            parts.append("**" + p.name)
            varkw = p.name
        elif p.default is p.empty:
            parts.append(p.name)
            names.append(p.name)
        else:
            parts.append(f"{p.name}=__kb_defaults[{p.name!r}]")
            defaults[p.name] = p.default
            names.append(p.name)
    self_name = names[0]
    named = ", ".join(f"{n!r}: {n}" for n in names[1:])
    src = (f"def {name}({', '.join(parts)}):\n"
           f"    __kb_kw = {{k: v for k, v in {{{named}}}.items() if v is not __kb_rdefault}}\n"
           f"    return __kb_impl({self_name}"
           + (f", *{varargs}" if varargs else "")
           + ", **__kb_kw" + (f", **{varkw}" if varkw else "") + ")\n")
    scope = {"__kb_defaults": defaults, "__kb_rdefault": R_DEFAULT, "__kb_impl": impl}
    exec(src, scope)  # noqa: S102 (source built from validated identifiers only)
    return scope[name]


def _init_wrapper(spec, classname, call_user, sig=None):
    def __init__(self, *args, **kwargs):
        try:
            call_user(self, *args, **kwargs)
        except Exception as e:
            if not spec.super_called(self) and "the parent class's initialize" not in str(e):
                raise _super_missing_error(spec, classname, cause=e) from e
            raise
        if not spec.super_called(self) and not keras2.init_parent_for_user(
                spec.kind, _owner(type(self), wrapped), self):
            raise _super_missing_error(spec, classname)
    if sig is None:
        sig = inspect.signature(call_user)
    wrapped = with_signature("__init__", sig, __init__)
    return wrapped


def _owner(cls, init):
    """The class (in cls's MRO) whose __init__ is `init`."""
    return next(k for k in cls.__mro__ if k.__dict__.get("__init__") is init)


def _python_method(spec, classname, name, fn):
    if name == "initialize":
        return _init_wrapper(spec, classname, fn)
    adapt = spec.adapt_python.get(name)
    if adapt is not None:
        return adapt(fn, classname, name)

    @functools.wraps(fn)
    def method(self, *args, **kwargs):
        try:
            return fn(self, *args, **kwargs)
        except Exception as e:
            _note_python_error(e, classname, name)
            raise
    return method


def r_invoke(rfn, self, *args, **kwargs):
    """Call the R side of a method. The instance's `private` key goes along, so
    R finds `private` without calling back into Python (see rpkg/R/py-classes.R).
    A failing R method returns an RFailure, raised here as RFunctionError.
    Off R's thread it goes through replicas.enter_r (traced on R's thread, or
    RThreadError before R is entered)."""
    key = self.__dict__.get("_kb_private_key")
    return enter_r(f"An R method of class {type(self).__name__}",
                   lambda *a, **kw: r_result(rfn(self, key, *a, **kw)), *args, **kwargs)


def call_r(rfn, classname, method, self, /, *args, **kwargs):
    """Call an R method; an R error becomes a MethodError saying where."""
    try:
        return r_invoke(rfn, self, *args, **kwargs)
    except (MethodError, RThreadError):
        raise
    except Exception as e:
        raise method_error(classname, method, e) from e


def _r_method(spec, classname, name, rfn, params, opts=None):
    sig = _signature_from_r(params, r_missing=spec.kind == "object")
    has_varkw = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
    accepted = set(sig.parameters)
    if has_varkw and len(sig.parameters) == 2:
        # `call = function(...)`: R's `...` is the only way in, so it takes
        # arguments by position too (Keras calls layer.call(x))
        sig = _with_varargs(sig)

    if name == "initialize":
        if has_varkw:
            # R's `...` takes unnamed arguments too: `MyClass2(42)` with
            # initialize = function(...) super$initialize(...)
            sig = _with_varargs(sig)
        else:
            # Keras' from_config passes name/trainable/dtype, which an R
            # initialize without `...` can't take: Python accepts them and
            # applies them after the R initialize ran.
            sig = sig.replace(parameters=list(sig.parameters.values()) +
                              [inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)])

        def call_user(self, *args, **kwargs):
            base_args = {}
            if not has_varkw:
                for k in [k for k in kwargs if k not in accepted and k in ("name", "trainable", "dtype")]:
                    base_args[k] = kwargs.pop(k)
            call_r(rfn, classname, name, self, *args, **kwargs)
            if "name" in base_args and spec.super_called(self):
                self.name = base_args["name"]
            if "trainable" in base_args and spec.super_called(self):
                self.trainable = base_args["trainable"]
        return _init_wrapper(spec, classname, call_user, sig)

    opts = dict(opts or {})
    # raw (R: an R6 callback class with a Python parent, R keras 2.x's Python
    # class): Keras' own arguments, unadapted (0-based epochs, logs as given)
    raw = opts.pop("raw", False)
    adapt = None if raw else (spec.adapt_r.get(name) or spec.adapt_r.get("*"))
    if adapt is not None:
        method = adapt(rfn, classname, name, sig, **opts)
        if method is not None:
            return method

    def method(self, *args, **kwargs):
        return call_r(rfn, classname, name, self, *args, **kwargs)
    return with_signature(name, sig, method)


def _r_property(classname, name, rfn, settable):
    def fget(self):
        return call_r(rfn, classname, name, self)
    fset = None
    if settable:
        def fset(self, value):
            call_r(rfn, classname, name, self, value)
    return property(fget, fset, doc=f"Active property {name} (an R function).")


def _python_property(member):
    fn = member.fn
    nparams = len(inspect.signature(fn).parameters)
    return property(fn, (lambda self, value: fn(self, value)) if nparams >= 2 else None)


def make_class(kind, classname, members=None, parent_class=None, r_methods=None,
               r_active=None, warn_typos=True):
    """Make a Keras subclass of the base class for `kind`. See the module docstring."""
    spec = kinds()[kind]
    if not isinstance(classname, str) or not classname.isidentifier():
        raise ArgumentError(
            f"`classname` must be a valid class name (letters, digits, _), "
            f"received {frontend.fmt_value(classname)}.", argument="classname")
    base = parent_class if parent_class is not None else spec.base
    if not (isinstance(base, type) and issubclass(base, spec.base)):
        raise ArgumentError(
            f"`parent_class` of {spec.constructor}() must be a subclass of "
            f"keras.{spec.base.__module__.split('.')[-2]}.{spec.base.__name__}, "
            f"received {base!r}.", argument="parent_class")
    members = dict(members or {})
    r_methods = dict(r_methods or {})
    r_active = dict(r_active or {})
    aliases = hooks.ALIASES.get(kind, {})
    if warn_typos:
        hooks.warn_typos(kind, classname, list(members) + list(r_methods) + list(r_active), base)

    ns = {"__qualname__": classname, "__module__": f"{PACKAGE}.classes.user"}
    for name, value in members.items():
        pyname = aliases.get(name, name)
        if isinstance(value, ActiveProperty):
            ns[pyname] = _python_property(value)
        elif inspect.isfunction(value) or inspect.ismethod(value):
            ns["__init__" if pyname == "initialize" else pyname] = \
                _python_method(spec, classname, pyname, value)
        else:
            ns[pyname] = value  # class attribute (or a ready property/staticmethod)
    for name, (rfn, params, *opts) in r_methods.items():
        pyname = aliases.get(name, name)
        ns["__init__" if pyname == "initialize" else pyname] = \
            _r_method(spec, classname, pyname, rfn, params, *opts)
    for name, (rfn, settable) in r_active.items():
        ns[name] = _r_property(classname, name, rfn, bool(settable))

    bases = (base,)
    if spec.compat is not None and not issubclass(base, spec.compat):
        bases = (spec.compat, base)
    cls = type(classname, bases, ns)
    cls._kb_kind = kind
    if issubclass(cls, keras.callbacks.Callback):
        tracking.observe_events(cls)  # where a hook failed, even under Keras' own fit()
    if hasattr(cls, "get_config"):
        keras.saving.register_keras_serializable(package=PACKAGE, name=classname)(cls)
    registry.add(cls)
    return cls


def make_r_class(kind, classname, fields=None, parent_class=None, r_methods=None,
                 r_active=None):
    """Entry point for the R side: r_methods values are [R function, R formals]
    or [R function, R formals, options] (options: keyword arguments of the
    kind's adapt_r, e.g. a callback hook's ``pass_self``). R has already warned
    about misspelled names (when the class was defined)."""
    r_methods = {k: (v[0], v[1], *([dict(v[2])] if len(v) > 2 and v[2] else []))
                 for k, v in dict(r_methods or {}).items()}
    r_active = {k: (v[0], v[1]) for k, v in dict(r_active or {}).items()}
    return make_class(kind, classname, fields, parent_class, r_methods, r_active,
                      warn_typos=False)


def super_init(cls, obj, *args, **kwargs):
    """`super$initialize(...)` from R: the parent's __init__, with the layer
    arguments R sends as doubles (units = 64 -> 64.0) made what Keras wants.
    Positional arguments follow Keras 2's order (legacy/classes.py)."""
    args, kwargs = keras2.keras2_init_args(cls, args, kwargs)
    if issubclass(cls, keras.layers.Layer):
        from ..layers import layer_kwargs  # the one place that knows which arguments are sizes
        from ..legacy.layer_args import input_shape_allowed
        kwargs = layer_kwargs(kwargs)
        with input_shape_allowed():  # R keras 2.x's idiom for the first layer, not a mistake
            return super(cls, obj).__init__(*args, **kwargs)
    return super(cls, obj).__init__(*args, **kwargs)


# --- per-instance R storage (`private` in R methods) -------------------------
# The R side keeps the environment; the instance holds an R closure over it
# (attribute set with object.__setattr__, so Keras never tracks or saves it).
# When the instance dies, Python drops the closure and R can collect the
# environment (the R registry holds it only through a weak reference).

#
# The same key names the instance for R code that was not handed `self`
# (callback hooks that never name it, see callback.py): instance_of(key). The
# table holds instances weakly.

_private_counter = [0]
_instances = {}  # key -> weakref to the instance


def instance_key(obj):
    """The instance's key (given on first use, kept in its __dict__)."""
    key = obj.__dict__.get("_kb_private_key")
    if key is None:
        _private_counter[0] += 1
        key = _private_counter[0]
        object.__setattr__(obj, "_kb_private_key", key)
        try:
            _instances[key] = weakref.ref(obj, lambda _, key=key: _instances.pop(key, None))
        except TypeError:  # no weak references to this object: it can't be looked up by key
            pass
    return key


def keyed_instance(obj, key):
    """Whether instance_of(key) is `obj` (not so for a copy of the instance)."""
    ref = _instances.get(key)
    return ref is not None and ref() is obj


def instance_of(key):
    """The live instance with this key (R: a hook's `self` when it was not passed)."""
    ref = _instances.get(int(key))
    obj = ref() if ref is not None else None
    if obj is None:
        raise RuntimeError(f"No live instance has the key {key}.")
    return obj


def attach_private(obj, holder):
    key = instance_key(obj)
    object.__setattr__(obj, "_kb_private_holder", holder)
    return key
