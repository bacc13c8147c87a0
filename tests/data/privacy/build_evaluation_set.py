"""Build the anonymity evaluation set: labelled sentences in the style of the survey's answers.

    python tests/data/privacy/build_evaluation_set.py   # writes utvarderingsmeningar.csv beside it

Deterministic (no randomness): every top-100 first name (women and men) and surname of
`scb-top100-*.csv` is placed in several positions (sentence start before a verb, mid-sentence,
after a comma, possessive, hyphenated, in capitals, in lower case), with full names; every kind
of number (personnummer and samordningsnummer in 12/10 digits with -, + or nothing, Swedish phone
numbers in the usual formats), e-mail and street addresses; and negative sentences full of
capitalised words, places, public bodies and numbers that are not identifiers.

Labels are written by hand here (this file does not use the study's code): each sentence's
identifiers are marked ``{kind:text}`` in the template and the CSV holds the plain sentence, its
expected redaction and the spans. Lower case is used only for names that are no ordinary Swedish
word in lower case (``LOWER_CASE_WORDS`` lists those that are: "per", "björn", "lisa" ...); there a
lower-case word is the word, not a name.
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

HERE = Path(__file__).parent
OUTPUT = HERE / "utvarderingsmeningar.csv"

# Names that are also ordinary Swedish words in lower case (the Swedish spelling dictionary lists them
# in lower case: "per" the preposition, "björn" the bear, "lisa" relief, "ann" an old word for harvest):
# in lower case they are the word, so the set does not place them in lower case.
LOWER_CASE_WORDS = set(
    """
    per hans bo björn sten stig sven karl axel mats lena linda inger ebba lisa ann klara viktoria britt
    saga liv lina maj sanna inga oliver berg lind lund ström falk ek blom björk holm
    """.split()
)

PLACEHOLDER = {
    "namn": "[namn]",
    "personnummer": "[personnummer]",
    "telefon": "[telefon]",
    "e-post": "[e-post]",
    "adress": "[adress]",
}

# Sentence templates; {N} a first name, {S} a surname. Each is a realistic answer.
START = [
    "{N} sa att samverkan har blivit bättre.",
    "{N} hjälpte oss med ärendena i höstas.",
    "{N} ringde alltid tillbaka samma dag.",
    "{N} har varit ett stort stöd för gruppen.",
    "{S} tycker att arbetssättet fungerar.",
]
MIDDLE = [
    "Vi har haft ett bra samarbete med {N} på Jobbtorg.",
    "Bra stöd, särskilt från {N} under våren.",
    "Det var tack vare {N} som det fungerade.",
    "Jag pratade med {N} {S} om rutinerna.",
    "Handläggaren {S} på Arbetsförmedlingen var engagerad.",
]
COMMA = [
    "Samverkan fungerar, {N} och jag har täta avstämningar.",
    "Bättre struktur, tack till {N}!",
]
POSSESSIVE = [
    "Utan {N}s samordning hade det inte gått.",
    "Vi saknar {S}s engagemang i gruppen.",
]
HYPHEN = ["Tack till {N}-{N2} för allt stöd.", "{N}-{N2} var med på alla möten."]
CAPITALS = ["TACK {NU} FÖR ALLT STÖD!", "Bäst var {SU} på enheten."]
LOWER = ["bra samarbete med {nl} hela vägen.", "fråga {sl} om du undrar något."]

NEGATIVES = [
    "Per månad blir det fler beslut än förut.",
    "Hans chef sa att det var bra.",
    "Inget har hänt sedan i våras.",
    "Alla sa att det var bra.",
    "Klara besked från ledningen hade hjälpt.",
    "Arbetsförmedlingen och Försäkringskassan borde vara med oftare.",
    "Vi samarbetar med Region Skåne, Migrationsverket och Komvux.",
    "SFI och IFO samarbetar, och ALLA är med.",
    "Trelleborg har fler insatser mot arbetsmarknaden än Svedala.",
    "Trelleborgsmodellen har förankrats ytterligare.",
    "Fler arbetstillfällen för Trelleborgs kommun.",
    "Ett av Sveriges bästa exempel, i hela Sverige.",
    "Kundservice i Trelleborg fungerar bra.",
    "Mellan 2019 och 2023 ökade avsluten från 25 till 62.",
    "Det blir 4,9 avslut per månad, och 1 029 personer fick stöd.",
    "Kostnaderna minskade med 5 200 000 kronor under 2022.",
    "Vi träffas på plan 2 varje tisdag klockan 9.",
    "Insatsplan 2023 är antagen av nämnden.",
    "Jag jobbar på arbetsplats 3 dagar i veckan.",
    "Ungefär 16 % fick arbete inom 12 månader.",
    "Etableringsprogrammet och Jobbgarantin ger nya möjligheter.",
    "Många i Malmö, Lund och Ystad söker sig hit.",
    "Det finns ingen samverkan.",
    "Ingen samverkan alls.",
    "Man tvingas göra annorlunda och utvecklas.",
    "Utveckling! Vi testas på en mängd olika plan.",
    "Samverkan är ALLT för oss.",
    "Allt fungerar bättre nu.",
    # A wrong check digit is still a personnummer (issue 26): nine of ten digits would identify.
    "Det var {personnummer:811228-9875} i ärendet, fast kontrollsiffran är fel.",
    "Höstens möten i Anderslöv och Smygehamn var välbesökta.",
    "Socialtjänsten och SoL-handläggarna har fått mer stöd.",
    "Corona-pandemin påverkade arbetet under 2020 och 2021.",
    "Teams-möten varje vecka har gjort det lättare.",
    "Vi har en chans till att stärka samarbetet.",
    "Det är precis vad vi behöver.",
    "Förståelse mellan olika enheter och att dess ingångsvärde är olika.",
    "Handläggarna på Jobbtorg och i Försörjningsstöd har kortare väg till varandra.",
    "Sjöbo, Skurup och Vellinge har liknande utmaningar.",
    "En stark björn i skogen, sa barnen på förskolan.",
    "Vi bor i Sverige och jobbar i Danmark.",
    "Ha 2 rekryterare i Svedala och träffas varje Fredag sedan April.",
]

PERSONNUMMER_BASES = ["811228", "900101", "750612", "020304", "640229", "881130"]
PHONES = [
    "070-123 45 67",
    "0701234567",
    "070 123 45 67",
    "+46 70 123 45 67",
    "+46701234567",
    "0046 70 123 45 67",
    "08-123 456 78",
    "040-12 34 56",
    "0410-73 30 00",
    "(0410) 73 30 00",
    "0410-123 45",
    "073-987 65 43",
    "076-555 12 34",
    "+46(0)70-123 45 67",
    "0707-12 34 56",
]
EMAILS = [
    "anna.lindqvist@trelleborg.se",
    "A.NYSTROM@SVEDALA.SE",
    "handlaggare_2@kommun.se",
    "maria [at] svedala [dot] se",
    "per.s+jobb@gmail.com",
    "anna(at)svedala.se",
]
ADDRESSES = [
    "Storgatan 12",
    "östra vallgatan 5B",
    "Kungsvägen 3 b",
    "stortorget 2-4",
    "Mariaplan 3",
    "Ringvägen 12–14",
    "Algatan 1",
    "Västra Vallgatan 22",
    "Bryggaregatan 7 A",
    "Lindvägen 45",
    "Lilla Torget 4",
    "Västergatan 3, 231 42 Trelleborg",
]
NUMBER_TEMPLATES = {
    "personnummer": "Klienten med personnummer {x} fick beslut i maj.",
    "telefon": "Ring mig på {x} om det gäller ärendet.",
    "e-post": "Mejla {x} så svarar vi samma dag.",
    "adress": "Mötet är på {x} i Trelleborg.",
}


def luhn_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def personnummer_forms() -> list[str]:
    """Valid personnummer and samordningsnummer in every written form."""
    forms = []
    for index, base in enumerate(PERSONNUMMER_BASES):
        for coordination in (False, True):
            day = int(base[4:]) + (60 if coordination else 0)
            date = f"{base[:4]}{day:02d}"
            serial = f"{(index * 37 + 101) % 1000:03d}"
            last4 = serial + luhn_digit(date + serial)
            century = "20" if base[:2] <= "10" else "19"
            forms += [f"{date}-{last4}", f"{date}{last4}", f"{century}{date}-{last4}", f"{century}{date}{last4}"]
            if not coordination:
                forms.append(f"{date}+{last4}")
    return forms


def marked(kind: str, text: str) -> str:
    return f"{{{kind}:{text}}}"


def name_sentences(women: list[str], men: list[str], surnames: list[str]) -> list[str]:
    firsts = list(itertools.chain.from_iterable(zip(women, men)))
    sentences = []
    for index, first in enumerate(firsts):
        surname = surnames[index % len(surnames)]
        other = firsts[(index + 7) % len(firsts)]
        n, s = marked("namn", first), marked("namn", surname)
        groups = [START, MIDDLE, COMMA, POSSESSIVE]
        group = groups[index % 4]
        template = group[(index // 4) % len(group)]
        sentences.append(template.replace("{N}", n).replace("{S}", s))
        second = MIDDLE[(index + 2) % len(MIDDLE)]
        sentences.append(second.replace("{N}", n).replace("{S}", s))
        if index % 3 == 0:
            hyphen = HYPHEN[index % 2].replace("{N}-{N2}", marked("namn", f"{first}-{other}"))
            sentences.append(hyphen)
        if index % 2 == 0:
            sentences.append(CAPITALS[0].replace("{NU}", marked("namn", first.upper())))
        if first.lower() not in LOWER_CASE_WORDS and "-" not in first:
            sentences.append(LOWER[0].replace("{nl}", marked("namn", first.lower())))
    for index, surname in enumerate(surnames):
        s = marked("namn", surname)
        first = firsts[(index * 3) % len(firsts)]
        sentences.append(START[4].replace("{S}", s))
        sentences.append(POSSESSIVE[1].replace("{S}", s))
        sentences.append(MIDDLE[3].replace("{N}", marked("namn", first)).replace("{S}", s))
        if index % 2 == 0:
            sentences.append(CAPITALS[1].replace("{SU}", marked("namn", surname.upper())))
        if surname.lower() not in LOWER_CASE_WORDS:
            sentences.append(LOWER[1].replace("{sl}", marked("namn", surname.lower())))
    return sentences


def number_sentences() -> list[str]:
    values = {"personnummer": personnummer_forms(), "telefon": PHONES, "e-post": EMAILS, "adress": ADDRESSES}
    return [
        NUMBER_TEMPLATES[kind].replace("{x}", marked(kind, value)) for kind, items in values.items() for value in items
    ]


_MARK = re.compile(r"\{(namn|personnummer|telefon|e-post|adress):([^{}]+)\}")


def unmark(template: str) -> tuple[str, str, list[tuple[int, int, str]]]:
    """(sentence, expected redaction, spans) of a marked template."""
    text, expected, spans = "", "", []
    last = 0
    for match in _MARK.finditer(template):
        text += template[last : match.start()]
        expected += template[last : match.start()]
        start = len(text)
        text += match.group(2)
        spans.append((start, len(text), match.group(1)))
        expected += PLACEHOLDER[match.group(1)]
        last = match.end()
    text += template[last:]
    expected += template[last:]
    return text, expected, spans


def read_list(name: str, column: str, kind: str | None = None) -> list[str]:
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle, delimiter=";") if kind is None or row["kön"] == kind]


def build() -> list[dict[str, str]]:
    women = read_list("scb-top100-fornamn.csv", "förnamn", "kvinna")
    men = read_list("scb-top100-fornamn.csv", "förnamn", "man")
    surnames = read_list("scb-top100-efternamn.csv", "efternamn")
    rows = []
    templates = name_sentences(women, men, surnames) + number_sentences() + NEGATIVES
    for number, template in enumerate(templates, start=1):
        text, expected, spans = unmark(template)
        rows.append(
            {
                "id": f"M{number:04d}",
                "mening": text,
                "väntat": expected,
                "uppgifter": " ".join(f"{kind}@{start}-{end}" for start, end, kind in spans),
            }
        )
    return rows


def main() -> None:
    rows = build()
    with open(OUTPUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    print(f"Skrev {len(rows)} meningar till {OUTPUT}")


if __name__ == "__main__":
    main()
