"""Loading saved models: classes made by the class constructors are found by
name, so users need not list custom_objects (they may); an undefined one is an
error naming it (see classes/saving.py)."""

from .classes.saving import load_model  # noqa: F401
