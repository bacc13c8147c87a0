"""Tables a reader can search and filter, offline: itables (DataTables) with its library embedded."""

from __future__ import annotations

import hashlib

import pandas as pd


def interactive(frame: pd.DataFrame) -> str:
    """A searchable, filterable table that works offline (itables with its library embedded). itables escapes
    the cells; the column headings are escaped here (it places them as markup)."""
    import html
    import warnings

    from itables import to_html_datatable

    language = {
        "search": "Sök:",
        "lengthMenu": "Visa _MENU_ rader",
        "info": "Rad _START_–_END_ av _TOTAL_",
        "infoEmpty": "Inga rader",
        "infoFiltered": "(av totalt _MAX_)",
        "zeroRecords": "Inga rader matchar",
        "emptyTable": "Tabellen är tom",
        "loadingRecords": "Laddar …",
        "paginate": {"first": "Första", "last": "Sista", "next": "Nästa", "previous": "Föregående"},
        "aria": {
            "orderable": "Sortera efter kolumnen",
            "orderableReverse": "Sortera omvänt",
            "paginate": {"first": "Första", "last": "Sista", "next": "Nästa", "previous": "Föregående"},
        },
    }
    with warnings.catch_warnings():  # itables' option types do not describe DataTables' nested language keys
        warnings.simplefilter("ignore", SyntaxWarning)
        # A table id from the content, not a random one: the same data gives the same bytes.
        table_id = "T_" + hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
        return to_html_datatable(
            frame.rename(columns=lambda name: html.escape(str(name), quote=False)),
            table_id=table_id,
            connected=False,
            column_filters="header",
            lengthMenu=[10, 25, 50, 100],
            pageLength=25,
            classes="display compact",
            showIndex=False,
            language=language,
            columnDefs=[{"className": "dt-left", "targets": "_all"}],
        )
