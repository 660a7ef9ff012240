"""Batch screening on a Spark cluster (``frontwatch screen --engine spark``).

The screening index is built (or read from its cache) once on the driver,
shipped to the executors as a file, and loaded once by each Python worker;
every row is screened by the same code as the embedded batch screen
(``frontwatch.screening.screen_row`` and ``output_rows``), so both engines
write the same rows. Needs the ``spark`` extra (``pip install 'frontwatch[spark]'``)
and Java 17 or newer.
"""

from __future__ import annotations

from frontwatch.spark.run import (
    SparkReport,
    SparkUnavailable,
    check_spark,
    screen_file_spark,
    spark_session,
)

__all__ = ["SparkReport", "SparkUnavailable", "check_spark", "screen_file_spark", "spark_session"]
