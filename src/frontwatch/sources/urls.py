"""Where each list is published: the one place that names the official URLs.

``frontwatch lists update`` downloads these files. The EU and UK lists are read
as FollowTheMoney exports (the form frontwatch takes them in); their URLs point
at OpenSanctions' FtM exports of the official lists, which OpenSanctions
licenses as CC BY-NC 4.0 — check that licence before commercial use.
"""

from __future__ import annotations

# source -> [(file name to save as, URL)]; the first file is the main one.
OFFICIAL_URLS: dict[str, list[tuple[str, str]]] = {
    "us_ofac_sdn": [
        (
            "SDN.XML",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
        ),
    ],
    "us_ofac_cons": [
        (
            "CONSOLIDATED.XML",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
        ),
    ],
    "un_sc": [
        ("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
    ],
    "us_trade_csl": [
        (
            "consolidated.csv",
            "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
        ),
    ],
    "us_bis_dpl": [
        ("dpl.txt", "https://www.bis.gov/dpl/dpl.txt"),
    ],
    "eu_fsf": [
        (
            "eu_fsf.ftm.json",
            "https://data.opensanctions.org/datasets/latest/eu_fsf/entities.ftm.json",
        ),
    ],
    "gb_hmt": [
        (
            "gb_hmt.ftm.json",
            "https://data.opensanctions.org/datasets/latest/gb_hmt_sanctions/entities.ftm.json",
        ),
    ],
}
