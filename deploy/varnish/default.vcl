vcl 4.1;
# Varnish in front of mediasite (ARCHITECTURE.md section 2).
#
# - Public pages render the same for everyone and carry
#   "Cache-Control: public, max-age=…, s-maxage=…, stale-while-revalidate=…": Varnish keeps
#   them for s-maxage (its built-in logic reads s-maxage before max-age), shared by all
#   visitors, so cookies are dropped from those requests.
# - Per-user paths (/admin, /account, /accounts, /api/v1, /documents) are passed straight
#   through with their cookies and never cached; they send "private, no-store" anyway.
# - Surrogate keys (docs/caching.md): the origin names what each public response shows in
#   an "xkey" header (p<page id>, g<genre id>, home-en, ...); the xkey vmod (Debian package
#   varnish-modules) indexes objects by those keys. The origin's Celery task purges a change
#   with "PURGE /" and an "xkey-purge: <key> <key> ..." header: every object carrying one of
#   the keys goes, whatever its URL or language.
# - Wagtail's frontend cache (HTTPBackend, FRONTEND_CACHE_URL) sends PURGE <path> with the
#   page's Host header when a page is published, moved or deleted (the fallback for caches
#   without keys); "BAN <path>" drops the path and everything under it on that host.
#   PURGE and BAN are accepted only from the ACL below (the origin's network).
# - The viewer's country (CloudFront-Viewer-Country, the app's VIEWER_COUNTRY_HEADER) decides
#   region-restricted playback, so a client must never choose it: any client-sent one is
#   removed first. This Varnish does not look countries up; behind a CDN that sets the header,
#   trust it only from the CDN's addresses instead. Rename it here if VIEWER_COUNTRY_HEADER
#   changes.
# - Grace: stale pages are served while a fresh copy is fetched in the background, for a short
#   while when the backend is healthy and for up to a day when it is down.
#
# Check it: varnishd -C -f deploy/varnish/default.vcl >/dev/null

import std;
import xkey;

backend default {
    # docker-compose service "web". Running Varnish on the host against `make stack` or
    # `make run`: set .host = "127.0.0.1"; (the port stays 8000).
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .probe = {
        .request =
            "GET /healthz HTTP/1.1"
            "Host: localhost"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 5s;
        .timeout = 3s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may PURGE: this host and private networks (the docker network the web and worker
# containers are on). Tighten to your network in production.
acl purge {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    # Before anything else (also on passed requests such as POST /api/v1/play/...).
    unset req.http.CloudFront-Viewer-Country;

    if (req.method == "PURGE" || req.method == "BAN" || req.http.xkey-purge) {
        if (client.ip !~ purge) {
            return (synth(405, req.method + " not allowed from " + client.ip));
        }
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.X-Purged + " objects"));
        }
        if (req.method == "BAN") {
            ban("obj.http.X-Host == " + regsub(std.tolower(req.http.host), ":[0-9]+$", "")
                + " && obj.http.X-Url ~ ^" + regsuball(req.url, "([.?*+()\[\]^$|])", "\\\1"));
            return (synth(200, "Banned"));
        }
        return (purge);
    }

    # Tell the origin the scheme the client used, unless a TLS terminator in front already did.
    if (!req.http.X-Forwarded-Proto) {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Per-user paths: keep cookies, never cache.
    if (req.url ~ "^/(admin|account|accounts|api/v1|documents)(/|\?|$)"
        || req.url ~ "^/[a-z]{2}(-[a-z]{2,4})?/(account|accounts)(/|\?|$)"
        || req.url ~ "^/healthz") {
        return (pass);
    }

    # Public pages are the same for everyone: drop cookies so they can be shared. (An
    # Authorization header still makes the built-in logic pass.)
    unset req.http.Cookie;

    # Tracking parameters do not change the page.
    if (req.url ~ "[?&](utm_[a-z]+|gclid|fbclid)=") {
        set req.url = regsuball(req.url, "(utm_[a-z]+|gclid|fbclid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }

    # Short grace while the origin is healthy (stale-while-revalidate), long while it is not.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_hash {
    # The port is not part of the page: Wagtail's PURGE names the host the way the Site
    # record does, which may or may not include the port the visitor used.
    hash_data(req.url);
    if (req.http.host) {
        hash_data(regsub(std.tolower(req.http.host), ":[0-9]+$", ""));
    } else {
        hash_data(server.ip);
    }
    return (lookup);
}

sub vcl_backend_response {
    # For BAN (ban-lurker friendly: matched on the object, not the request).
    set beresp.http.X-Url = bereq.url;
    set beresp.http.X-Host = regsub(std.tolower(bereq.http.host), ":[0-9]+$", "");

    # A public page must not set a cookie, and a private answer is nobody else's: if one
    # does, do not share it (and do not cache the decision for long).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    # Keep stale copies a day beyond their TTL: served while the backend is down (vcl_recv
    # caps it at 60s while healthy). Origin's stale-while-revalidate sets the grace when it
    # is longer.
    if (beresp.ttl > 0s && beresp.grace < 24h) {
        set beresp.grace = 24h;
    }
    # Objects without s-maxage/max-age get the default TTL only if they are static files.
    if (!beresp.http.Cache-Control && bereq.url !~ "^/static/") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Cache-Control goes to the browser unchanged: max-age is the browser's, s-maxage ours.
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Never reveal Varnish internals (or the keys and ban helpers) to clients.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.xkey;
    unset resp.http.X-Url;
    unset resp.http.X-Host;
}

sub vcl_synth {
    if (req.method == "PURGE" || req.method == "BAN" || req.http.xkey-purge) {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        synthetic(resp.reason);
        return (deliver);
    }
}
