"""Worker processes for a batch: chunks of inputs out, their results back, in input order.

The parent alone talks to each worker, over a pipe of its own, and gives a
worker its next chunk only when the worker has sent back the last one, so
neither side can block the other. Stopping is terminating the workers; a
worker that dies (killed, out of memory) closes its pipe and is seen at once.
multiprocessing.Pool spends three times this loop's CPU on its handler
threads (on two cores that slows the workers), and ProcessPoolExecutor
cannot be stopped at once without racing its manager thread.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait


def _serve(connection, work: Callable) -> None:
    """A worker: (index, chunk) in, (index, results) out, until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent handles it
    while True:
        try:
            index, chunk = connection.recv()
        except EOFError:
            return
        connection.send((index, [work(job) for job in chunk]))


def run_in_order(work: Callable, jobs: list, workers: int, chunk: int, lost: Callable) -> Iterator:
    """``work(job)`` for every job, in ``workers`` processes, yielded in the order of ``jobs``.

    If a worker dies, ``lost(job)`` stands for the result of every job not
    yet yielded, and the run ends. Closing the iterator early (Ctrl-C, a
    closed pipe) terminates the workers rather than waiting for them.
    """
    chunks = [jobs[k:k + chunk] for k in range(0, len(jobs), chunk)]
    processes, connections = [], []
    try:
        for _ in range(min(workers, len(chunks))):
            parent_end, worker_end = multiprocessing.Pipe()
            process = multiprocessing.Process(target=_serve, args=(worker_end, work), daemon=True)
            process.start()
            worker_end.close()  # the worker holds the only other end, so its death is an end of file here
            processes.append(process)
            connections.append(parent_end)
        sent = 0
        for connection in connections:
            connection.send((sent, chunks[sent]))
            sent += 1
        done: dict[int, list] = {}
        next_index = 0
        while next_index < len(chunks):
            for connection in wait(connections):
                try:
                    index, results = connection.recv()
                except EOFError:
                    for chunk_jobs in chunks[next_index:]:
                        for job in chunk_jobs:
                            yield lost(job)
                    return
                done[index] = results
                if sent < len(chunks):
                    connection.send((sent, chunks[sent]))
                    sent += 1
            while next_index in done:
                yield from done.pop(next_index)
                next_index += 1
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join()
        for connection in connections:
            connection.close()
