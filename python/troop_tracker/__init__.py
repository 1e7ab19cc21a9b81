"""troop-tracker from Python: cited, uncertainty-aware records of military
deployments, the posture on any day with the tightest honest bounds, and
the checks that name what cannot all be true.

Every answer is a :class:`Frame` whose columns are the columns of the
files the command-line tool writes, with the same names and meanings
(``Frame.docs`` gives each column's meaning). ``to_arrow``, ``to_pandas``
and ``to_polars`` give typed columns: counts as unsigned integers with
nulls for open bounds, days as dates, flags as booleans.

>>> import troop_tracker as tt
>>> data = tt.bundled()
>>> germany = [r for r in data.posture("2020-01-10").rows() if r["figure"] == "DEU in IRQ"][0]
>>> germany["strength"], germany["low"], germany["high"]
('90', 90, 90)
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Dict, Iterator, List, Optional, Sequence, Union

from . import _native
from ._native import LoadError

__all__ = [
    "Data",
    "Frame",
    "LoadError",
    "bundled",
    "combine",
    "import_ipi",
    "import_troopdata",
    "load",
]

Day = Union[str, _dt.date]


class Frame:
    """Rows of one answer, column by column, as the files hold them.

    ``name`` says which answer (``posture``, ``totals``, ``pivot``,
    ``timeline``, ``findings``, ``import_counts``); ``columns`` are the
    names in order; ``types`` each column's type (``text``, ``count``,
    ``date``, ``flag``); ``docs`` each column's meaning.
    """

    def __init__(self, name: str, table: Dict[str, Any]) -> None:
        self.name = name
        self.columns: List[str] = list(table["names"])
        self.types: Dict[str, str] = dict(zip(self.columns, table["types"]))
        self.docs: Dict[str, str] = dict(zip(self.columns, table["docs"]))
        self._data: Dict[str, list] = table["data"]

    def __len__(self) -> int:
        return len(self._data[self.columns[0]]) if self.columns else 0

    def __repr__(self) -> str:
        return f"<troop_tracker.Frame {self.name}: {len(self)} rows x {len(self.columns)} columns>"

    def column(self, name: str) -> list:
        """One column's values (``None`` where a row has none)."""
        return self._data[name]

    def rows(self) -> Iterator[Dict[str, Any]]:
        """Each row as a dict of column to value."""
        for i in range(len(self)):
            yield {c: self._data[c][i] for c in self.columns}

    def to_dict(self) -> Dict[str, list]:
        """The columns as a dict of lists."""
        return {c: list(self._data[c]) for c in self.columns}

    def to_arrow(self):
        """A ``pyarrow.Table``: text as ``string``, counts as ``uint64``,
        days as ``date32``, flags as ``bool``; each field's meaning in its
        metadata (``doc``)."""
        import pyarrow as pa

        types = {"text": pa.string(), "count": pa.uint64(), "date": pa.date32(), "flag": pa.bool_()}
        fields = [
            pa.field(c, types[self.types[c]], metadata={"doc": self.docs[c]})
            for c in self.columns
        ]
        arrays = [pa.array(self._data[c], type=types[self.types[c]]) for c in self.columns]
        return pa.Table.from_arrays(arrays, schema=pa.schema(fields))

    def to_pandas(self):
        """A ``pandas.DataFrame`` with nullable dtypes: counts ``UInt64``
        (``<NA>`` for an open bound), flags ``boolean``, text ``string``,
        days ``datetime64``."""
        import pandas as pd
        import pyarrow as pa

        mapping = {
            pa.uint64(): pd.UInt64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
            pa.string(): pd.StringDtype(),
        }
        return self.to_arrow().to_pandas(types_mapper=mapping.get, date_as_object=False)

    def to_polars(self):
        """A ``polars.DataFrame``: counts ``UInt64``, days ``Date``, flags
        ``Boolean``, text ``String``."""
        import polars as pl

        return pl.from_arrow(self.to_arrow())


class Data:
    """Records and what their import found: the bundled data, a data
    folder, imported tables, or several combined (``a + b``)."""

    def __init__(self, native: "_native.Data") -> None:
        self._native = native

    def __add__(self, other: "Data") -> "Data":
        return combine(self, other)

    def __repr__(self) -> str:
        counts = self.counts()
        return f"<troop_tracker.Data {counts['deployments']} deployments, {counts['sources']} sources>"

    def posture(
        self,
        day: Day,
        projected: bool = False,
        nation: Optional[str] = None,
        mission: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Frame:
        """Who had how many troops where at the end of ``day``: one row per
        figure (``posture.csv``). ``projected`` applies announced moves;
        ``nation``, ``mission`` and ``location`` narrow it."""
        return Frame("posture", self._native.posture(day, projected, nation, mission, location))

    def totals(
        self,
        day: Day,
        projected: bool = False,
        nation: Optional[str] = None,
        mission: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Frame:
        """The posture's totals, each as tight as the evidence allows
        (``totals.csv``): sum these, not the posture's rows."""
        return Frame("totals", self._native.totals(day, projected, nation, mission, location))

    def pivot(self, day: Day, projected: bool = False) -> Frame:
        """Nations by locations on ``day``, one cell per row."""
        return Frame("pivot", self._native.pivot(day, projected))

    def timeline(
        self,
        nation: Optional[str] = None,
        mission: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Frame:
        """The dated history of one subject, or of everything
        (``timeline.csv``): a row per figure each record changes."""
        return Frame("timeline", self._native.timeline(nation, mission, location))

    def validate(self) -> Frame:
        """What the import found in its tables, then what cannot all be
        true (``findings.csv``)."""
        return Frame("findings", self._native.validate())

    def import_counts(self) -> Frame:
        """What each imported table gave: rows by reading, left out, and
        problems by code."""
        return Frame("import_counts", self._native.import_counts())

    def latest_day(self) -> Optional[str]:
        """The latest day any figure describes."""
        return self._native.latest_day()

    def counts(self) -> Dict[str, int]:
        """How many records of each kind, and problems."""
        return dict(self._native.counts())


def bundled() -> Data:
    """The dataset curated from the five seed articles."""
    return Data(_native.bundled())


def load(folder: "str | os.PathLike[str]", articles: Optional[Sequence["str | os.PathLike[str]"]] = None) -> Data:
    """A data folder in troop-tracker's CSV schema; ``articles``: other
    folders its articles may be read from. Raises :class:`LoadError`."""
    return Data(_native.load(folder, list(articles) if articles is not None else None))


def import_troopdata(folder: "str | os.PathLike[str]") -> Data:
    """troopdata's tables of US troops abroad, read in place from
    ``folder``. Raises :class:`LoadError`."""
    return Data(_native.import_troopdata(folder))


def import_ipi(folder: "str | os.PathLike[str]") -> Data:
    """The UN's contributions by nation and mission (IPI's
    ``full_gender_data.csv``), read in place from ``folder``. Raises
    :class:`LoadError`."""
    return Data(_native.import_ipi(folder))


def combine(*parts: Data) -> Data:
    """Several datasets as one: their records, problems and counts."""
    return Data(_native.combine([p._native for p in parts]))

