"""Django's Redis cache backend, with one `redis.Redis` client per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache call, and
that constructor fills a table of about 170 response callbacks each time: on a page-cache hit
(one `get` of the page, one `get_many` of its tags' stamps) it was a third of the CPU the hit
costs (profile in docs/performance.md). The client only wraps the pool, which already is per
process (redis-py resets it after a fork), so one client per pool serves every call.
"""

from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(django_redis.RedisCache):
    """`CACHE_URL=redis://...` selects this backend (settings.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
