"""Parser for the BIS Denied Persons List (``dpl.txt``).

The file is tab-separated with a quoted header (``Name``, ``Street_Address``, ``City``,
``State``, ``Country``, ``Postal_Code``, ``Effective_Date``, ``Expiration_Date``,
``Standard_Order``, ``Last_Update``, ``Action``, ``FR_Citation``); dates are mm/dd/yyyy,
``Last_Update`` is ISO.

Rules chosen:

* **One entity per denial, not per row.** The DPL repeats a denied party once per
  address. Rows with the same effective date whose names are equal once punctuation and
  spacing are ignored are one denial: they are merged into one entity carrying every
  address (the real file: 665 rows -> 546 entities; 547 distinct name/date pairs, of which
  ``AL NASER AIRLINES`` and ``AL-NASER  AIRLINES`` merge, the second kept as ``alias``).
  Differing expiration dates, actions and FR citations of merged rows are all kept on
  the Sanction. Names that differ in letters (``ALNASER AIRLINES``) stay separate.
* **Ids.** The DPL has no reference numbers, so the source id is the name plus the ISO
  effective date, ``us-bis-dpl-AARON-ABRAHAM-VILLA-2022-08-24`` (punctuation and spaces
  become ``-``): stable across releases, readable, and unique in the file because it is
  also the merge key.
* **Schema.** The DPL does not say person or company: ``Company`` when
  :func:`org_schema` finds a legal form in the name, otherwise ``LegalEntity``.
* **Sanction.** authority ``US Bureau of Industry and Security``, program ``DPL``,
  ``startDate`` = Effective_Date, ``endDate`` = Expiration_Date, ``summary`` = Action,
  ``description`` = FR citation, ``modifiedAt`` = newest Last_Update, ``authorityId`` = the
  source id built above.
* ``ctx.issued`` is the newest Last_Update in the file.

Effective and expiration dates are legal facts: one that is not a date is an error
naming the line. ``Last_Update`` is bookkeeping; one that is not a date is ignored.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy

from frontwatch.sources.base import ParseContext, clean_text, iso_date, org_schema, published_name

AUTHORITY = "US Bureau of Industry and Security"
PROGRAM = "DPL"
COLUMNS = [
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
]
_ADDRESS_PARTS = ("Street_Address", "City", "State", "Postal_Code", "Country")


@dataclass
class _Denial:
    """The rows of one denial order (one name, one effective date)."""

    names: list[str]
    effective: str | None
    rows: list[dict[str, str | None]] = field(default_factory=list)

    def values(self, column: str) -> list[str]:
        """The distinct non-empty values of a column, in file order."""
        out: list[str] = []
        for row in self.rows:
            value = row.get(column)
            if value and value not in out:
                out.append(value)
        return out


def _date(ctx: ParseContext, line: int, column: str, value: str | None) -> str | None:
    if value is None:
        return None
    date = iso_date(value, slash_order="mdy")
    if date is None:
        raise ctx.error(f"line {line}", f"{column} {value!r} is not a date (mm/dd/yyyy)")
    return date


def _read(ctx: ParseContext) -> dict[str, _Denial]:
    """The file's rows grouped into denials, keyed by entity id."""
    denials: dict[str, _Denial] = {}
    with open(ctx.files.main, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        try:
            header = next(reader, None)
            if header is None:
                raise ctx.error(None, "empty file: not a BIS Denied Persons List")
            if [h.strip() for h in header] != COLUMNS:
                raise ctx.error(
                    "line 1",
                    "not a BIS Denied Persons List: expected the tab-separated header "
                    + ", ".join(COLUMNS),
                )
            for values in reader:
                line = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(COLUMNS):
                    raise ctx.error(
                        f"line {line}", f"expected {len(COLUMNS)} columns, found {len(values)}"
                    )
                row = {c: clean_text(v) for c, v in zip(COLUMNS, values, strict=True)}
                name = row["Name"]
                if name is None:
                    raise ctx.error(f"line {line}", "row without a Name")
                effective = _date(ctx, line, "Effective_Date", row["Effective_Date"])
                row["Effective_Date"] = effective
                row["Expiration_Date"] = _date(ctx, line, "Expiration_Date", row["Expiration_Date"])
                row["Last_Update"] = iso_date(row["Last_Update"])
                entity_id = ctx.make_id(name, effective)
                denial = denials.get(entity_id)
                if denial is None:
                    denial = denials[entity_id] = _Denial([], effective)
                if name not in denial.names:
                    denial.names.append(name)
                denial.rows.append(row)
        except csv.Error as exc:
            raise ctx.error(f"line {reader.line_num}", f"malformed line: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise ctx.error(None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return denials


def parse_dpl(ctx: ParseContext) -> Iterator[EntityProxy]:
    """Yield one entity and one Sanction per denial order in a BIS DPL text file."""
    denials = _read(ctx)
    updates = [d for denial in denials.values() for d in denial.values("Last_Update")]
    ctx.issued = max(updates) if updates else None
    prefix = len(ctx.make_id("x")) - 1  # "us-bis-dpl-"
    for entity_id, denial in denials.items():
        schema = "Company" if org_schema(denial.names) == "Company" else "LegalEntity"
        proxy = ctx.make(schema)
        proxy.id = entity_id
        proxy.add("name", denial.names[0])
        proxy.add("alias", denial.names[1:], quiet=True)
        # "PEARL (A.K.A. NEI-CHIEN CHU) LI": also PEARL LI and NEI-CHIEN CHU.
        for written in denial.names:
            parts = published_name(written)
            if parts.bare != written:
                proxy.add("alias", [parts.bare, *parts.aliases], quiet=True)
                proxy.add("previousName", parts.previous, quiet=True)
        proxy.add("topics", ["sanction", "export.control"], quiet=True)
        for row in denial.rows:
            address = ", ".join(v for v in (row[c] for c in _ADDRESS_PARTS) if v)
            proxy.add("address", address or None, quiet=True)
            proxy.add("country", row["Country"], quiet=True)
        sanction = ctx.sanction(
            proxy,
            AUTHORITY,
            entity_id[prefix:],
            [PROGRAM],
            startDate=denial.effective,
        )
        sanction.add("endDate", denial.values("Expiration_Date"), quiet=True)
        sanction.add("summary", denial.values("Action"), quiet=True)
        sanction.add("description", denial.values("FR_Citation"), quiet=True)
        updated = denial.values("Last_Update")
        sanction.add("modifiedAt", max(updated) if updated else None, quiet=True)
        orders = denial.values("Standard_Order")
        sanction.add("provisions", [f"Standard order: {o}" for o in orders], quiet=True)
        yield proxy
        yield sanction
