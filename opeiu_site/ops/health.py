"""/healthz for whoever probes it, whatever Host they send.

Docker's HEALTHCHECK (Dockerfile) and load balancers ask http://127.0.0.1:8000/healthz, a Host
that production's ALLOWED_HOSTS rightly refuses (400) in CommonMiddleware, CSRF and the page
cache. This middleware sits before them (settings.MIDDLEWARE) and answers GET and HEAD of
exactly /healthz with the health view itself (a database round-trip: 200 or 503), so the
probe works without adding 127.0.0.1 to ALLOWED_HOSTS: every other path, and /healthz with any
other method, still goes through the host check. It reads no Host, cookie or session.

Placed after the header middleware, the answer keeps the security headers and the CSP; of
what the middleware further in add it loses only X-Frame-Options (no page to frame) and
Content-Length, which it sets itself.
"""

from opeiu_site.core.views import healthz

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = healthz(request)
        # As CommonMiddleware would: a keep-alive probe reads exactly this much.
        response.headers["Content-Length"] = str(len(response.content))
        return response
