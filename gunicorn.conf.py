"""gunicorn settings: `gunicorn app:server -c gunicorn.conf.py`.

WEB_CONCURRENCY sets the worker processes (default 2), GUNICORN_THREADS the threads per
worker (default 4), GUNICORN_TIMEOUT the request timeout in seconds (default 60). PORT sets
the port; with PORT set (as on a platform) the server listens on every interface, otherwise
on 127.0.0.1:8050 only. HOST overrides the interface.
"""

import os

_port = os.environ.get("PORT")
bind = f"{os.environ.get('HOST', '0.0.0.0' if _port else '127.0.0.1')}:{_port or '8050'}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# No run-time control socket: nothing uses it, and several servers on one machine would share
# its default path.
control_socket_disable = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Finish Dash's lazy set-up in each worker before it takes requests (plotly/dash #3971)."""
    from app import warm_up

    warm_up(worker.wsgi)
