"""The one way to declare a task the worker runs (`manage.py db_worker --backend worker`).

    from opeiu_site.core.tasks import worker_task

    @worker_task
    def extract_text_task(document_id): ...

    extract_text_task.enqueue(document_id)   # after commit: transaction.on_commit(...)

Django's tasks framework (django.tasks) on the "worker" alias of settings.TASKS: the database
queue of django-tasks-db, or immediate where TASKS_WORKER is off. Not the "default" alias,
which Wagtail's own tasks share through the django-tasks backport and which stays immediate.
Arguments must be JSON (ids, not model instances): the row may change before the task runs.
"""

import functools

from django.tasks import task

WORKER_BACKEND = "worker"

worker_task = functools.partial(task, backend=WORKER_BACKEND)
