"""Type stub of the compiled half of troop_tracker (``_native``): a
dataset held across the language boundary, and each answer as a table
``{"names": [...], "types": [...], "docs": [...], "data": {name: [...]}}``
that :class:`troop_tracker.Frame` wraps."""

import datetime
import os
from typing import Any, Dict, List, Optional, Sequence, TypedDict, Union

Value = Union[str, int, bool, datetime.date, None]

class Table(TypedDict):
    names: List[str]
    types: List[str]
    docs: List[str]
    data: Dict[str, List[Value]]

class LoadError(ValueError):
    """The input cannot be read."""

    problems: List[Dict[str, Any]]
    """Each problem: ``severity``, ``code``, ``file``, ``line``, ``column``,
    ``message``."""
    file: Optional[str]
    line: Optional[int]
    column: Optional[str]

class Data:
    def posture(
        self,
        day: Union[str, datetime.date],
        projected: bool = False,
        nation: Optional[str] = None,
        mission: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Table: ...
    def totals(
        self,
        day: Union[str, datetime.date],
        projected: bool = False,
        nation: Optional[str] = None,
        mission: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Table: ...
    def pivot(self, day: Union[str, datetime.date], projected: bool = False) -> Table: ...
    def timeline(
        self,
        nation: Optional[str] = None,
        mission: Optional[str] = None,
        location: Optional[str] = None,
    ) -> Table: ...
    def validate(self) -> Table: ...
    def import_counts(self) -> Table: ...
    def latest_day(self) -> Optional[str]: ...
    def counts(self) -> Dict[str, int]: ...

def bundled() -> Data: ...
def load(
    folder: Union[str, os.PathLike[str]],
    articles: Optional[Sequence[Union[str, os.PathLike[str]]]] = None,
) -> Data: ...
def import_troopdata(folder: Union[str, os.PathLike[str]]) -> Data: ...
def import_ipi(folder: Union[str, os.PathLike[str]]) -> Data: ...
def combine(parts: List[Data]) -> Data: ...
