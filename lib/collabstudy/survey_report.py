"""The survey step's tables, charts and registry entries, as readers see them."""
from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from . import charts
from . import formatting as f
from .display import table
from .survey import shown_count, suppressed

STEP = "03_survey"


def _name(params, code: str) -> str:
    return "Totalt" if code == "total" else params.values.name_of(code)


def response_table(frame: pd.DataFrame, params, level: float):
    rows = [{"Kommun": _name(params, r.municipality), "Utskick": r.invited,
             "Svarande": f.x_of_y(r.respondents, r.invited),
             f"{f.number(level * 100)} % konfidensintervall": f"{f.number(r.ci_low * 100, 1)}–{f.percent(r.ci_high)}",
             "Publicerad svarsfrekvens": r.published, "Rader i exporten": r.in_export} for r in frame.itertuples()]
    return table(pd.DataFrame(rows))


def period_table(frame: pd.DataFrame, params, threshold: int, suppress: bool):
    hidden = frame.groupby("municipality", sort=False)["count"].transform(
        lambda counts: pd.Series(suppressed(list(counts), threshold), index=counts.index))
    rows = []
    for r, hide in zip(frame.itertuples(), hidden):
        small = 0 < r.count < threshold
        count = "dold" if hide and suppress else f"{r.count}{'*' if small else ''}"
        share = "" if hide and suppress else f"{f.percent(r.share, 0)}"
        rows.append({"Kommun": _name(params, r.municipality), "Involverad": r.period,
                     "Antal": count, "Andel av kommunens svarande": share})
    return table(pd.DataFrame(rows))


def tally_table(tally: pd.DataFrame, question: str, params, threshold: int, suppress: bool):
    """Themes of one question, one column per municipality: 'count (share)' or 'minst k'."""
    rows = []
    for theme, group in tally[tally["question"] == question].groupby("theme", sort=False):
        row = {"Tema": group["label"].iloc[0]}
        for r in group.itertuples():
            shown = shown_count(r._asdict(), threshold, suppress)
            share = f" ({f.percent(r.share, 0)})" if r.count_published and not shown.startswith("<") else ""
            row[f"{_name(params, r.municipality)} (av {r.respondents})"] = shown + share
        rows.append(row)
    return table(pd.DataFrame(rows))


def status_table(statuses: pd.DataFrame, question: str, params):
    frame = statuses[statuses["question"] == question]
    unknown = "ej publicerat"
    rows = [{"Kommun": _name(params, r.municipality), "Publicerade svar": r.answered,
             "Blankt": unknown if r.blank is None else r.blank, "Vet ej": unknown if r.dont_know is None else r.dont_know,
             "Ej publicerade svar": r.not_published} for r in frame.itertuples()]
    return table(pd.DataFrame(rows))


def comparison_table(comparisons: pd.DataFrame, params):
    first, second = params.values.codes
    rows = [{"Tema": r["label"],
             _name(params, first): f.x_of_y(r[f"count_{first}"], r[f"n_{first}"], 0),
             _name(params, second): f.x_of_y(r[f"count_{second}"], r[f"n_{second}"], 0),
             "Skillnad": f"{f.number(r['difference'] * 100, 0)} p.e.",
             "p (Fisher)": f.number(r["p_value"], 2), "p (Holm)": f.number(r["p_holm"], 2)}
            for _, r in comparisons.iterrows()]
    return table(pd.DataFrame(rows))


def comparison_note(comparisons: pd.DataFrame) -> str:
    smallest = comparisons["p_holm"].min() if not comparisons.empty else 1.0
    return (f"{len(comparisons)} teman har publicerade antal för båda kommunerna och jämförs med Fishers exakta test. "
            "Grupperna är små (några få svarande per tema) och testerna många, så p-värdena justeras med Holms metod. "
            + ("Ingen skillnad är statistiskt säkerställd efter justeringen; skillnaderna ska läsas som beskrivning av "
               "just dessa svarande, inte som skillnader mellan kommunernas personal." if smallest >= 0.05 else
               "Minst en skillnad är säkerställd efter justeringen."))


def heatmap(tally: pd.DataFrame, params, source: str):
    """Share of each municipality's respondents per theme, for every theme with a published count."""
    data = tally[tally["count_published"]]
    matrix = data.pivot_table(index="label", columns="municipality", values="share", sort=False)
    counts = data.pivot_table(index="label", columns="municipality", values="count", sort=False)
    labels = [re.sub(r"(.{34}\S*) ", r"\1\n", label) for label in matrix.index]
    fig, ax = charts.new_figure(8.5, 0.55 * len(matrix) + 1.8)
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    threshold = params.values.survey.small_cell_threshold
    for (i, j), value in np.ndenumerate(matrix.to_numpy(dtype=float)):
        if np.isnan(value):
            ax.text(j, i, "ej publicerat", ha="center", va="center", fontsize=8, color=charts.NEUTRAL)
            continue
        count = int(counts.iloc[i, j])
        star = "*" if 0 < count < threshold else ""
        ax.text(j, i, f"{count}{star} ({f.percent(value, 0)})", ha="center", va="center", fontsize=8,
                color="white" if value > 0.5 else "black")
    ax.set_xticks(range(matrix.shape[1]), [_name(params, c) for c in matrix.columns])
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.grid(False)
    fig.colorbar(image, ax=ax, format=charts.FuncFormatter(lambda v, _: f.percent(v, 0)), shrink=0.6)
    top = data.sort_values("share", ascending=False).iloc[0]
    charts.finish(fig, f"Vanligast: ”{top['label']}” – {f.percent(top['share'], 0)} av de svarande i "
                       f"{_name(params, top['municipality'])}", source)
    alt = "Värmekarta, andel av kommunens svarande som nämner temat: " + "; ".join(
        f"{r.label}, {_name(params, r.municipality)}: {r.count} av {r.respondents}" for r in data.itertuples()) + \
        f". * betyder färre än {threshold} svarande."
    return fig, alt


def theme_bars(tally: pd.DataFrame, question: str, params, source: str):
    """Bars per theme of one question, a bar per municipality; unpublished counts drawn hollow as lower bounds."""
    data = tally[tally["question"] == question]
    themes = list(dict.fromkeys(data["label"]))
    colours = charts.municipality_colours(params)
    threshold = params.values.survey.small_cell_threshold
    fig, ax = charts.new_figure(8.5, 0.5 * len(themes) + 1.8)
    height = 0.8 / len(params.values.codes)
    for k, code in enumerate(params.values.codes):
        rows = data[data["municipality"] == code].set_index("label").loc[themes]
        positions = [i + k * height for i in range(len(themes))]
        ax.barh([], [], color=colours[code], label=_name(params, code))
        for position, r in zip(positions, rows.itertuples()):
            if not r.count_published and r.count == 0:
                continue  # nothing known: no bar, no number
            ax.barh(position, r.share, height=height, color=colours[code] if r.count_published else "white",
                    edgecolor=colours[code], hatch=None if r.count_published else "//")
            small = "*" if r.count_published and 0 < r.count < threshold else ""
            text = f"{r.count}{small}" if r.count_published else f"minst {r.count}"
            ax.annotate(text, (r.share, position), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks([i + height / 2 for i in range(len(themes))],
                  [re.sub(r"(.{34}\S*) ", r"\1\n", t) for t in themes], fontsize=8)
    ax.invert_yaxis()
    charts.percent_axis(ax.xaxis)
    ax.set_xlabel("Andel av kommunens svarande som nämner temat (flera teman per svar möjliga). "
                  f"Randig stapel: antal ej publicerat, minst så många. *: färre än {threshold}.", fontsize=8)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    label = params.values.survey.questions[question].label
    charts.finish(fig, f"{label}: teman per kommun", source)
    alt = f"Stapeldiagram för frågan ”{label}”: " + "; ".join(
        f"{r.label}, {_name(params, r.municipality)}: {'' if r.count_published else 'minst '}{r.count} av {r.respondents}"
        for r in data.itertuples()) + "."
    return fig, alt


def quotes_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes as reviewers read them: question, theme, municipality mark, quote."""
    return pd.DataFrame({"Fråga": quotes["question_label"], "Tema": quotes["themes"],
                         "Kommun": quotes["municipality"].map(lambda c: f"({c})"),
                         "Citat": quotes["quote"] + quotes["partial"].map(lambda p: " […]" if p else "")})


def interactive(frame: pd.DataFrame) -> str:
    """A searchable, filterable table that works offline (itables with its library embedded)."""
    import warnings

    from itables import to_html_datatable

    language = {"search": "Sök:", "lengthMenu": "Visa _MENU_ rader", "info": "Rad _START_–_END_ av _TOTAL_",
                "infoEmpty": "Inga rader", "infoFiltered": "(av totalt _MAX_)", "zeroRecords": "Inga rader matchar",
                "emptyTable": "Tabellen är tom", "loadingRecords": "Laddar …",
                "paginate": {"first": "Första", "last": "Sista", "next": "Nästa", "previous": "Föregående"},
                "aria": {"orderable": "Sortera efter kolumnen", "orderableReverse": "Sortera omvänt",
                         "paginate": {"first": "Första", "last": "Sista", "next": "Nästa", "previous": "Föregående"}}}
    with warnings.catch_warnings():  # itables' option types do not describe DataTables' nested language keys
        warnings.simplefilter("ignore", SyntaxWarning)
        # A table id from the content, not a random one: the same data gives the same bytes.
        table_id = "T_" + hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
        return to_html_datatable(frame, table_id=table_id, connected=False, column_filters="header",
                                 lengthMenu=[10, 25, 50, 100],
                                 pageLength=25, classes="display compact", showIndex=False, language=language,
                                 columnDefs=[{"className": "dt-left", "targets": "_all"}])


def record(results, response: pd.DataFrame, fieldwork: pd.DataFrame, periods: pd.DataFrame,
           tally: pd.DataFrame, statuses: pd.DataFrame, comparisons: pd.DataFrame) -> None:
    src = f"{STEP}: enkäten"
    for r in response.itertuples():
        base = f"survey.response.{r.municipality}"
        results.record(f"{base}.invited", r.invited, unit="antal", label="Utskick", source=src)
        results.record(f"{base}.respondents", r.respondents, unit="antal", label="Svarande", source=src)
        results.record(f"{base}.rate", r.rate, unit="andel", label="Svarsfrekvens", source=src)
        results.record(f"{base}.ci_low", r.ci_low, unit="andel", label="Svarsfrekvens, intervall nedre", source=src)
        results.record(f"{base}.ci_high", r.ci_high, unit="andel", label="Svarsfrekvens, intervall övre", source=src)
    minutes = fieldwork.set_index("item").loc["mean_answer_minutes", "value"]
    results.record("survey.mean_answer_minutes", float(minutes), unit="minuter", label="Genomsnittlig svarstid", source=src)
    for index, r in enumerate(periods.itertuples()):
        results.record(f"survey.period.{r.municipality}.{index}", r.count, unit="antal",
                       label=f"Involverade {r.period}", source=src)
    for r in tally.itertuples():
        status = "ok" if r.count_published else "osäker"
        results.record(f"survey.theme.{r.theme}.{r.municipality}.count", r.count, unit="antal",
                       label=f"{r.label} ({'publicerat antal' if r.count_published else 'minst, antal ej publicerat'})",
                       source=src, status=status)
    for r in statuses.itertuples():
        for field, what in (("blank", "Blanka svar"), ("dont_know", "Svar ”vet ej”")):
            value = getattr(r, field)
            results.record(f"survey.{r.question}.{r.municipality}.{field}", value, unit="antal", label=what,
                           source=src, status="saknas" if value is None else "ok")
    for r in comparisons.itertuples():
        results.record(f"survey.theme.{r.theme}.fisher_p", r.p_value, unit="sannolikhet", label=f"Fisher: {r.label}", source=src)
        results.record(f"survey.theme.{r.theme}.fisher_p_holm", r.p_holm, unit="sannolikhet",
                       label=f"Fisher, Holm-justerat: {r.label}", source=src)
