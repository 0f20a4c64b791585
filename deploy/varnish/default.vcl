# Varnish in front of the OPEIU site (Varnish 7.1 + varnish-modules' xkey). See docs/caching.md.
#
#   varnishd -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish ...
#
# site.vcl (beside this file, or earlier on vcl_path) names the backend "app", with a health
# probe, and the ACL "purgers" of the addresses allowed to purge: compose.yaml mounts the one
# shipped here; tests and the benchmark write their own.
#
# What it does:
# * Anonymous GET/HEAD requests are cached; the admin, documents, the health check, anything
#   with a session or messages cookie or an Authorization header passes straight through.
#   Other cookies (analytics, the CSRF cookie) are dropped: public pages do not depend on them.
# * Tracking parameters (utm_*, fbclid, gclid, mc_*) are removed and the query string sorted
#   before hashing, so "?utm_source=x&b=2&a=1" and "?a=1&b=2" share one copy.
# * A response is stored only when the site says so: Cache-Control public with a max-age, no
#   Set-Cookie, and an xkey header listing its cache tags (the site adds it to every public
#   response). Anything private, with a cookie or without tags passes (hit-for-miss).
# * `PURGE /` with an `xkey-purge: tag tag ...` header (from the site's XkeyPurgeBackend) removes
#   every object carrying one of the tags; `xkey-softpurge` expires them but keeps them for
#   grace. A plain PURGE of a URL removes that URL. Only addresses in "purgers" may purge.
# * Grace: while the backend is healthy a copy at most GRACE_HEALTHY old past its TTL is served
#   while a fresh one is fetched in the background; while it is sick (probe failing), copies
#   up to a day past their TTL are served instead of errors.
# * Copies are kept per URL, host and X-Forwarded-Proto (the scheme the site's links use).
# * The xkey header is stripped from what clients see; X-Cache says HIT or MISS.

vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    set req.backend_hint = app;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        if (req.http.xkey-softpurge) {
            set req.http.X-Purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.X-Purged));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents)(/|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;

    # Tracking parameters out, the rest sorted: one copy per page whatever the campaign.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "(?i)([?&])(utm_[^=&]*|fbclid|gclid|mc_[^=&]*)(=[^&]*)?(?=&|$)", "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }

    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # The site writes absolute links (canonical, og:url, feeds) with the scheme the TLS proxy
    # reports in X-Forwarded-Proto: keep one copy per scheme, so one request claiming https
    # cannot put https links into the copy plain-HTTP visitors get (or the other way round).
    # Then the built-in vcl_hash adds the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Up to a day of grace: served at once while revalidating, and whenever the backend is sick.
    set beresp.grace = 24h;
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # A failed background refresh keeps the stale copy rather than replacing it.
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || !beresp.http.xkey
        || beresp.status >= 400) {
        # Remember for a while that this URL is not cacheable, so requests do not queue.
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_backend_error {
    # The backend is down and nothing usable is in the cache: a short plain answer.
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "5";
    synthetic("The site is briefly unavailable. Please try again in a moment.");
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.X-Page-Cache;
    unset resp.http.Via;
}
