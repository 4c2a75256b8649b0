"""The article's hello_world exactly as printed, on stock Flask (sessions kept), for `npm run bench`.

Flask's best case for the job the demo API's persistent app does on every request: read and verify
the session cookie, print it, write to it, re-sign it. It has none of the demo's knobs, mounts or
before_request hooks (scripts/fixtures/reference_apps.py has them), so it is a little faster, and
the benchmark compares against the faster of the two.
"""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "SomeRandomKey"


@app.route("/")
def hello_world():
    resp = "session: {}, \ncookies: {}\n".format(session, request.cookies)
    session["key"] = "value"
    return resp
