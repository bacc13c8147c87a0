"""The explicit word lists of the anonymity check: small, tested, and read by both of its passes.

Everything here is data, not judgement: which verbs a person is the subject of, which words open a
person's name ("tack", "hej", "fråga"), which short phrases make a name-word the ordinary word
("per månad", "bo kvar", "hans chef"), month and weekday names, product names, the acronyms that are
no one's initials, the numbered things that are no street ("Fråga 3", "Vecka 12"). The first pass
(:mod:`.detector`, :mod:`.identifiers`, :mod:`.roles`) judges a word with them *and* the lexicon,
the name list's commonness and its position; the final check (:mod:`.final_check`) uses only these
lists and the name list, so that what the first pass misjudges is still seen there.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Finite verbs a person is the subject of ("Per tog", "Lisa behöver", "Linda skötte"), present and
# past; a word ending in -ade/-ades is a past verb too (:func:`is_person_verb`). The copula and the
# auxiliaries are in AUXILIARY_VERBS: Swedish puts the verb second, so "Bäst var …" opens sentences.
PERSON_VERBS = _words(
    """
    sa sade säger tycker tyckte tänker tänkte tror trodde menar menade berättar berättade frågar
    frågade svarar svarade ringer ringde ringt mejlar mejlade mailar mailade skriver skrev hjälper
    hjälpte hjälpt kommer kom går gick slutar slutade börjar började jobbar jobbade arbetar arbetade
    lovar lovade förklarar förklarade visar visade ordnar ordnade fixar fixade hör hörde träffar
    träffade stöttar stöttade samordnar samordnade tar tog behöver behövde sköter skötte gör gjorde
    borde verkar verkade känner kände vet visste ser såg leder ledde håller höll ger gav lämnar
    lämnade driver drev pratar pratade talar talade sitter satt står stod bor bodde flyttar flyttade
    kör körde hämtar hämtade skickar skickade bokar bokade planerar planerade löser löste hanterar
    hanterade ansvarar ansvarade tackar tackade väntar väntade glömmer glömde missar missade saknar
    saknade försöker försökte
    lyssnar lyssnade förstår förstod bjuder bjöd kallar kallade kollar kollade följer följde
    tipsade tipsar påminner påminde coachar coachade guidar guidade lärde lär anställde anställer
    slutat började tilldelade tilldelar utreder utredde beslutar beslutade beviljar beviljade
    informerar informerade presenterar presenterade svek sviker dök dyker åkte åker reste reser
    stannar stannade gillar gillade älskar älskade hatar hatade ställer ställde sätter satte
    lägger lade lyfter lyfte tröttnade tröttnar
    """
)
AUXILIARY_VERBS = _words(
    "är var har hade blev blir kan kunde ska skulle vill ville måste brukar brukade får fick gör gjorde kommer"
)


def is_person_verb(word: str) -> bool:
    """A finite verb a person may be the subject of: the list, or a past form in -ade ("mejlade")."""
    lower = word.casefold()
    return lower in PERSON_VERBS or (len(lower) >= 5 and lower.endswith(("ade", "ades")))


# Words before a name that make the next word a person: a greeting, a thanks, asking or calling
# someone ("tack Björn", "fråga LB", "ring per").
PERSON_BEFORE = _words(
    """
    tack tacka tackar tackade hej hejsan hallå kära käre bästa fråga frågade frågat frågar kontakta
    kontaktade kontaktat ring ringde ringt ringa mejla mejlade maila mailade träffa träffade träffat
    hälsa hälsningar mvh enligt kollegan kollegor kollegorna be låt ge säg hjälp
    """
)
# Words before a name that are only a hint ("med per", "och björn"): a name-word that is also an
# ordinary word goes to review after them when nothing else tells.
WEAK_BEFORE = _words("med och till från hos av för via samt eller åt")
PREPOSITIONS = _words(
    "i på från hos med vid inom till för av under över efter mot utan genom om kring runt bland via åt"
)
CONJUNCTIONS = _words("och eller som men")


def is_verb_or_function_word(word: str) -> bool:
    """A verb a person does, an auxiliary, a preposition or a conjunction: a word after a name-word that
    tells nothing of what the name-word owns or is."""
    from .names import fold

    folded = fold(word)
    return is_person_verb(word) or folded in AUXILIARY_VERBS or folded in PREPOSITIONS or folded in CONJUNCTIONS


# Pronouns after "och": "Björn och jag", "Per och hon".
PRONOUNS = _words("jag vi hon han du ni de dom mig oss henne honom")
# Before a lower-case name-word that is also a word: an article, a determiner or an adjective makes it
# the word ("en björn", "till stor lisa", "det inger förtroende").
WORD_BEFORE = _words(
    """
    en ett den det denna detta dessa min mitt din ditt sin sitt vår vårt er ert någon något ingen inget
    varje stor stora liten lilla lite ny nya gammal gamla stark starka hård hårda sann sanna
    """
)

# Fixed phrases in which a name-word is the ordinary word: the word's (lower-case) form -> the words
# after it that make it the word. "per månad", "bo kvar", "stig in", "axel mot axel".
WORD_BEFORE_NEXT: dict[str, frozenset[str]] = {
    "per": _words(
        """
        månad månaden vecka veckan år året dag dagen timme timmen kvartal kvartalet halvår tertial
        person personer individ individer hushåll ärende ärenden capita styck st telefon mejl mail
        mejlet brev post sms automatik definition se deltagare handläggare invånare kommun kommunen
        tillfälle tillfället gång insats insatser enhet förvaltning område anställd medarbetare
        arbetsdag arbetsvecka session möte år sida helg klient klienter kund kunder ansökan timma
        """
    ),
    "bo": _words("kvar hemma ensam själv tillsammans kvar. kvar, nära långt lång billigt dyrt trångt"),
    "stig": _words("in på upp ner fram"),
    "linda": _words("in"),
    "axel": _words("mot"),
    "klara": _words("av sig upp ut"),
    "visa": _words("upp vägen"),
    "just": _words("nu då det den där här så precis"),
    "lova": _words("att"),
    "ha": _words("kvar koll tålamod"),
}
# ... and the words before it that make it the word: "att bo", "kan bo", "i maj", "i dan".
WORD_AFTER_PREVIOUS: dict[str, frozenset[str]] = {
    "bo": _words("att kan ska vill får fick måste kunde skulle inte"),
    "fred": _words("i"),
    "dan": _words("i"),
    "saga": _words("en som"),
    "per": _words("kronor kr timmar"),
}

# Month and weekday names (and abbreviations that are no name: "jan" is Jan).
MONTHS = _words("januari februari mars april maj juni juli augusti september oktober november december")
WEEKDAYS = _words("måndag tisdag onsdag torsdag fredag lördag söndag")
CALENDAR = (
    MONTHS
    | WEEKDAYS
    | _words("feb apr jun jul aug sep sept okt nov dec måndagar tisdagar onsdagar torsdagar fredagar lördagar söndagar")
)

# Products and systems a municipality works in: never a person (also when a part of a compound:
# "KIA-portalen", "Teams-möte").
PRODUCTS = _words(
    """
    power bi teams viva engage procapita treserva kia platina sharepoint lifecare combine outlook excel word
    zoom skype webex office windows google meet slack yammer onedrive planner forms intranätet
    intranät pulsen pulsen-combine tieto tietoevry evry visma heroma agresso unit4 raindance ciceron
    public360 w3d3 lex pmo ecos vklass alvis dexter stratsys hypergene qlik qlikview tableau chrome
    edge firefox iphone android ipad mac linux teams-mötet teams-möten
    """
)

# Colloquial verbs the lexicon lacks and the name lists have ("maila" is a Finnish name): words.
COLLOQUIAL_WORDS = _words(
    "maila mailar mailade mailat mejla googla googlade zooma zoomade chatta chattade swisha swishade sms:a sms:ade"
)

# Acronyms a Swedish municipal answer uses that are no one's initials. Two or three capitals not here,
# not allowed in params and not a known organisation are initials in a person's place, or go to review.
ACRONYMS = _words(
    """
    af afa ak ame ami ams aku bbic bip bup bvc cv csn dua eb ebm eu ek fk fn fa gdpr hr hvb it ivo
    kf kd ks kso ksau kia lss lvu lvm lou mp mbl nav neet ok pa pdf pmo rfa sfi sol syv scb skr sis
    st sms sn sd tv uf uvas vd vc vux kvux ia ifo ipt ips kbt ram saf ssa sas tsa tia ttt arm ase
    fas fos osa bi ai kpi ppt pm abc asf ank csr esf isf jpt hsl lkm oaa vbu yh ym
    ung nej ja se om jo ni vi du id
    """
)

# Numbered things that are no street: "Fråga 3", "Vecka 12", "Steg 2", "Covid 19".
NUMBERED_WORDS = _words(
    """
    fråga frågan frågor tema temat vecka veckan v grupp gruppen steg steget nivå nivån bilaga bilagan
    kapitel kap version fas fasen etapp etappen klass årskurs termin terminen omgång omgången punkt
    punkten mål målet sida sidan år dag dagen kl klockan nr nummer covid corona windows office lss sol
    paragraf rad raden tabell tabellen figur figuren avsnitt avsnittet del delen lektion modul
    modulen kurs kursen plats platsen rum rummet sal salen team teamet nummer område området zon
    zonen period perioden runda rundan block blocket spår spåret kvartal kvartalet lvl level buss
    bussen linje linjen tåg tåget deltagare nivå
    """
)

# Names that are also Swedish words, but in lower case rarely the word in an answer: "björn", "lisa",
# "linda" are names unless an article or a fixed phrase says otherwise ("en björn", "linda in"). The other
# common names that are words ("per", "hans", "bo", "klara", "inga") are judged by their context.
NAME_FIRST = _words(
    """
    björn lisa linda axel ebba sten stig sven mats lena inger oliver kalle karl britt saga lina ann
    sanna lotta olle nisse putte musse tova tuva malva tindra meja liva linnea tilde hulda edda ester
    viktoria veronika iris viola gloria donna karen tina teddy frans knut jarl egon kåre kaj alf enar
    jeppe hannes kasper mads nick jon bob sam frank jack ebbe stina elsa signe
    """
)
# Before a month or weekday name: it is the time ("i maj", "sedan April", "varje Fredag").
TIME_BEFORE = _words(
    "i under från till sedan sen efter före innan varje nästa förra kommande i början slutet mitten av om per tills fram"
)
# Greetings: after them even a known acronym is a person ("Hej SN, tack …").
GREETINGS = _words("hej hejsan hallå kära käre tack")

# Entries of the name lists that are Swedish words and no name used in Sweden ("Familjen bor …",
# "Pappa sa …"): never names, in either pass.
NOT_NAMES = _words(
    """
    familjen pappa pappas mamma mammas fröken efternamn förnamn skriver titta testa hej jo vita ger
    svensk fan elva bar hm hd be sy or from bak ting heta leka koka rida berget skogen söder
    öster öst kola matte ena reda bitar gram lager frisk stolt modig kraft storm strid seger
    """
)

# After a number: a unit that makes it a count, never a house number ("Nästan 50 %", "Vecka 3 dagar");
# "5 av 40" and "1 till 10" are counts too (the patterns say so).
NUMBER_FOLLOWERS = _words(
    "% ‰ kr kronor procent st stycken timmar timme tim personer pers år dagar dag minuter min sek veckor vecka "
    "månader månad gånger ggr miljoner miljon tusen"
)

# A word of two or three capitals this frequent in Swedish (wordfreq's Zipf scale) is a word written in
# capitals ("TID", "KUL", "HEJ"), not initials ("LB" 2.8, "MS" 4.1).
CAPITAL_WORD_ZIPF = 5.0


def capital_word(word: str) -> bool:
    """Whether two or three capitals are a frequent Swedish word rather than initials."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.casefold(), "sv") >= CAPITAL_WORD_ZIPF


def joined_name(names, first: str, second: str) -> bool:
    """Whether two parts written together in a web address are a first name common in Sweden and a
    surname ("annasvensson", "bjornberg"): both passes ask the name list this."""
    from .names import fold

    return (
        len(first) >= 3
        and len(second) >= 3
        and fold(first) in names.common
        and fold(first) in names.first
        and (fold(second) in names.surnames)
    )
