"""`lintnews archive`: lint JSONL and Parquet news archives on Dask, with the CLI's findings.

    rows.py     archive files -> rows -> partitions (a line or a row group at a time)
    lint.py     one partition -> finding rows, on a worker (the Linter built once per process)
    sweep.py    partitions out to Dask and results back, a bounded number in flight
    output.py   part files keyed by partition, then one output file renamed into place
    summary.py  the progress line, the closing summary and the JSON report
    cluster.py  a local cluster of worker processes, or a running one
    cli.py      the command line: options, configuration, the cluster, exit codes

Nothing in this package is imported by `lintnews` itself, so the file CLI never pays for
Dask or pyarrow; only `lintnews archive` imports them.
"""
