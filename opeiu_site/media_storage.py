"""Where uploaded media live: local disk by default, an S3-compatible bucket when configured
(several web nodes must share one store). Read by settings.py; see docs/media-storage.md.

    MEDIA_STORAGE_URL=s3://BUCKET[/PREFIX]?endpoint_url=https://...&region=us-east-1
    or AWS_STORAGE_BUCKET_NAME (+ AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_LOCATION)

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or whatever boto3 finds: an
instance role). The bucket stays private: no ACL is set on any object. Documents are only ever
streamed by Wagtail's document view (privacy checked there); images and renditions are linked
with presigned URLs (querystring auth), so the page's <img> works without a public bucket.
"""

from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
# Presigned image URLs outlive every cache of the page that embeds them (Varnish's grace is a
# day): 7 days, the longest SigV4 allows.
DEFAULT_QUERYSTRING_EXPIRE = 7 * 24 * 3600
_URL_PARAMETERS = {
    "endpoint_url": "endpoint_url",
    "region": "region_name",
    "addressing_style": "addressing_style",
    "querystring_expire": "querystring_expire",
}


def storage_from_environment(env):
    """The STORAGES["default"] entry the environment asks for: S3 options, or local disk."""
    url = env.str("MEDIA_STORAGE_URL", default="")
    bucket_variable = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if url:
        options = _options_from_url(url)
        if bucket_variable and bucket_variable != options["bucket_name"]:
            raise ImproperlyConfigured(
                "MEDIA_STORAGE_URL and AWS_STORAGE_BUCKET_NAME name different buckets: set one."
            )
    elif bucket_variable:
        options = {
            "bucket_name": bucket_variable,
            "location": env.str("AWS_LOCATION", default="").strip("/"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "querystring_expire": env.int(
                "AWS_QUERYSTRING_EXPIRE", default=DEFAULT_QUERYSTRING_EXPIRE
            ),
        }
    else:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    access_key = env.str("AWS_ACCESS_KEY_ID", default="")
    secret_key = env.str("AWS_SECRET_ACCESS_KEY", default="")
    if access_key or secret_key:
        options.setdefault("access_key", access_key)
        options.setdefault("secret_key", secret_key)
    return {"BACKEND": S3_BACKEND, "OPTIONS": _with_defaults(options)}


def _options_from_url(url):
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL must look like s3://bucket/prefix?endpoint_url=...; got {url!r}"
        )
    options = {"bucket_name": parts.hostname, "location": unquote(parts.path).strip("/")}
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in _URL_PARAMETERS:
            known = ", ".join(sorted(_URL_PARAMETERS))
            raise ImproperlyConfigured(
                f"MEDIA_STORAGE_URL: unknown parameter {key!r} (known: {known})."
            )
        options[_URL_PARAMETERS[key]] = value
    if "querystring_expire" in options:
        try:
            options["querystring_expire"] = int(options["querystring_expire"])
        except ValueError:
            raise ImproperlyConfigured(
                "MEDIA_STORAGE_URL: querystring_expire must be a number of seconds."
            ) from None
    return options


def _with_defaults(options):
    options = {key: value for key, value in options.items() if value is not None}
    options.setdefault("querystring_expire", DEFAULT_QUERYSTRING_EXPIRE)
    if options.get("endpoint_url"):
        # MinIO, Ceph, R2 and the like: bucket in the path, one origin for the CSP.
        options.setdefault("addressing_style", "path")
    return {
        **options,
        # Private objects (no ACL: the bucket's own, private, policy), signed image URLs.
        "default_acl": None,
        "querystring_auth": True,
        # SigV4 (botocore would presign with the deprecated SigV2 in some set-ups).
        "signature_version": "s3v4",
        # Two uploads named hall.png must not overwrite each other's object.
        "file_overwrite": False,
    }


def image_origins(storage):
    """The origins <img> URLs of this storage point at, for the CSP's img-src."""
    options = storage.get("OPTIONS", {})
    if storage["BACKEND"] != S3_BACKEND:
        return []
    endpoint = options.get("endpoint_url")
    if endpoint:
        parts = urlsplit(endpoint)
        if options.get("addressing_style") == "virtual":
            return [f"{parts.scheme}://*.{parts.netloc}"]
        return [f"{parts.scheme}://{parts.netloc}"]
    bucket = options["bucket_name"]
    region = options.get("region_name")
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
