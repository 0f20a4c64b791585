"""The demo site's content: `manage.py load_demo` and the builders it runs, one module per app.

Not part of the product: the production image leaves this folder out (.dockerignore), the
settings install it as an app only when it is there, and no app imports it (a test holds that)."""
