"""Find out who writes to your Flask session.

Paste this into your app, call ``trace_session_writes(app)`` after creating the app (and after
setting up any extension that replaces ``app.session_interface``, such as Flask-Session), then send
the request that answers with an unexpected ``Set-Cookie``. Every write to the session is logged
with the key, the value, the first line outside Flask and Werkzeug that made it, and the stack.
For debugging only: it logs session values, which may be secrets.
"""
import copy
import logging
import os
import traceback

import flask
import werkzeug

log = logging.getLogger("session_writes")
_FRAMEWORK = tuple(os.path.dirname(module.__file__) + os.sep for module in (flask, werkzeug))


def trace_session_writes(app):
    def report(action, key, value=None):
        stack = traceback.extract_stack()[:-2]  # drop report() and the wrapper that called it
        writer = next((f for f in reversed(stack) if not f.filename.startswith(_FRAMEWORK)), stack[-1])
        shown = "" if value is None else " = " + repr(value)[:200]
        log.warning(
            "session %s %r%s\n  by %s:%s in %s()\n%s",
            action, key, shown, writer.filename, writer.lineno, writer.name,
            "".join(traceback.format_list(stack)).rstrip(),
        )

    class TracedSession(app.session_interface.session_class):
        def __setitem__(self, key, value):
            report("set", key, value)
            super().__setitem__(key, value)

        def __delitem__(self, key):
            report("del", key)
            super().__delitem__(key)

        def pop(self, key, *default):
            report("pop", key)
            return super().pop(key, *default)

        def setdefault(self, key, default=None):
            report("setdefault", key, default)
            return super().setdefault(key, default)

        def update(self, *args, **kwargs):
            report("update", sorted(dict(*args, **kwargs)))
            super().update(*args, **kwargs)

        def clear(self):
            report("clear", None)
            super().clear()

    # A copy: Flask's default interface object is shared by every app in the process.
    app.session_interface = copy.copy(app.session_interface)
    app.session_interface.session_class = TracedSession
    return app
