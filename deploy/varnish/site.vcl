# The site-specific part of default.vcl for compose.yaml: the gunicorn backend ("web") with a
# health probe, and who may purge (the web containers and this host).
backend app {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .request = "GET /healthz HTTP/1.1"
            "Host: localhost"
            "Connection: close";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

acl purgers {
    "localhost";
    "web";
}
