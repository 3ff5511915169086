"""``dorost serve``: a Persian web page to review every edit, and a JSON HTTP API.

The page and the API live in :mod:`dorost.web.app` (Starlette, from the ``web`` extra:
``pip install 'dorost[web]'``). This package itself imports nothing from the extra, so the CLI
can offer ``dorost serve`` and explain what to install when the extra is missing.
"""
