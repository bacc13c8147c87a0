"""The delivery folder's LÄSMIG.md: which file is which, who delivers it, the rule that raw data never
change after delivery, the Forms export's personal data, the next steps and an empty delivery log."""

from __future__ import annotations

from ...present.formatting import long_date
from .plan import EXPORT_FILE, Plan
from .templates import Template

README_FILE = "LÄSMIG.md"


def readme_text(plan: Plan, files: list[Template]) -> str:
    period = f"{long_date(plan.start)}–{long_date(plan.end)}"
    rows = [f"| `{t.file}` | {t.title} | {t.deliverer} |" for t in files]
    rows.append(
        f"| `{EXPORT_FILE}` | Enkätsvaren, exporterade ur Microsoft Forms (ingen mall: Forms skriver filen) | "
        "utvärderarna, som har formuläret |"
    )
    return "\n".join(
        [
            f"# Leveranser: {plan.name} ({period})",
            "",
            f"Den här mappen håller studiens rådata: det som levereras för perioden {period}. Mallarna är skapade "
            f"av `make new-study` ur `{plan.previous_path}`; studiens parameterfil är `{plan.params_path}`.",
            "",
            "## Filerna och vem som levererar dem",
            "",
            "| fil | innehåll | levereras av |",
            "|---|---|---|",
            *rows,
            "",
            "Varje mall har ett blad ”Data” att fylla i och ett blad ”Instruktion” som säger vad som ska stå var, "
            "i vilken enhet och vem som lämnar uppgifterna. Rubrikerna och de ifyllda radrubrikerna ändras inte, "
            "och inga blad läggs till; den ifyllda filen sparas här under samma namn.",
            "",
            "## Forms-exporten",
            "",
            f"Ladda ner svaren ur Microsoft Forms (”Öppna i Excel”) och spara filen här som `{EXPORT_FILE}`, "
            "precis som Forms skriver den: kolumnerna, bladet och svaren ändras inte. Frågornas rubriker ska "
            f"vara exakt de texter som står under `survey.questions` i `{plan.params_path}`, och svaren på "
            "frågan om huvudanställning exakt kommunernas namn.",
            "",
            "## Rådata ändras aldrig efter leverans",
            "",
            "En levererad fil redigeras aldrig för hand, inte ens för att rätta ett uppenbart fel: allt studien "
            "räknar ska gå att föra tillbaka till det som faktiskt levererades. Är något fel ber ni den som "
            "levererade om en rättad fil, som ersätter den gamla i sin helhet, och skriver i loggen nedan vad "
            "som ändrades och varför.",
            "",
            "## Personuppgifter",
            "",
            f"`{EXPORT_FILE}` innehåller de svarandes namn och e-postadresser (om formuläret inte var anonymt). "
            "Studien läser aldrig in de kolumnerna, men filen själv är en personuppgift: den hålls utanför git "
            "(`.gitignore`: `data/raw/*/forms-export*.xlsx`), läggs aldrig till med `git add -f` och delas bara "
            "med dem som behöver den.",
            "",
            "## Nästa steg",
            "",
            "1. Skicka mallarna till dem som levererar och spara de ifyllda filerna här.",
            f"2. Spara Forms-exporten som `{plan.path(EXPORT_FILE)}`.",
            f"3. Gå igenom raderna märkta ÄNDRA i `{plan.params_path}` (enkätens utskicksdag och antal dagar, "
            "`study.source`).",
            f"4. Kör studien: `make run PARAMS={plan.params_path}`.",
            "",
            "## Leveranslogg",
            "",
            "| datum | fil | från | anmärkning |",
            "|---|---|---|---|",
            "",
        ]
    )
