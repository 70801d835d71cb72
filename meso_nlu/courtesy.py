"""Thanks, goodbye and "forget me" in a visitor's words, read by the NLU router and the check."""

from __future__ import annotations

import re
import unicodedata

THANKS = re.compile(
    r"\b(thanks|thank you|thank u|thankyou|thx|ty|tysm|cheers|ta|appreciate it|much obliged|"
    r"many thanks|most grateful|(much|really|greatly) appreciated|danke|gracias|merci|grazie|"
    # New Zealand and Australian thanks ("sweet as, chur", "ta muchly")
    r"chur|cheers heaps|ta muchly|"
    r"dzi(ę|e)kuj(ę|e)|dzieki|dzięki|obrigad[oa]|"
    # thanks in the other languages visitors mix in ("Teşekkürler", "Köszönöm!", "bedankt")
    r"k(ö|o)sz(ö|o)n(ö|o)m|koszi|te(ş|s)ekk(ü|u)r(ler|ederim)?|sa(ğ|g)ol|spasibo|спасибо|"
    r"dank (je|u)( wel)?|dankjewel|bedankt|takk|tack så mycket|kiitos|efcharist(o|ó)|"
    r"d(ě|e)kuji|mul(ț|t)ume(s|ș)c|hvala|arigat(o|ou)|shukriya|shukran|dhanyavaa?d|"
    # Tagalog, Malay and Indonesian, Swahili, Vietnamese ("salamat po", "terima kasih")
    r"salamat|terima kasih|makasih|asante|c(ả|a)m (ơ|o)n|"
    # "You're very kind", "you've been so helpful", "you're a treasure"
    r"(you'?re|youre|you are|you'?ve been|youve been|you have been) (very |so |ever so |really "
    r"|most |too )?(kind|helpful|a (star|gem|treasure|darling|lifesaver|life saver)))\b",
    re.I,
)
# "Good day" and "good night" close a message as a farewell ("Thank you. Good day."); at the
# start of one, "good day" is a greeting.
BYE = re.compile(
    r"\b(bye|goodbye|good bye|bye bye|byee+|cya|see ya|see you|see u|c ya|gotta go|got to go|"
    r"have to go|gotta run|got to run|have to run|must run|need to run|gtg|g2g|"
    r"good ?night|nighty? night|(?<=[,.!] )(night|nite|nn)(?=\W*$)|^\W*(night|nite|nn)(?=\W*$)|"
    # "k gn", "ok ty gn", "ok thx night": a goodnight typed short at the end
    r"(?<!\w)(gn|gnight|g'?night|nighty)(?=\W*$)|(?<=\bthx )(night|nite)(?=\W*$)|"
    r"(?<=\bty )(night|nite)(?=\W*$)|(?<=\bthanks )(night|nite)(?=\W*$)|"
    r"(off|going|heading|gonna go|going to go) (to )?(sleep|bed)( now)?(?=\W*$)|"
    r"take care(?! of)|farewell|"
    r"ttyl|talk (to you )?(soon|later)|"
    r"speak soon|cheerio|ta[ -]?ra|ta ta|toodle\w*|laters|peace out|catch you later|"
    # Australian and New Zealand goodbyes ("cheers, hooroo", "catch ya")
    r"hooroo|catch ya|see ya later|"
    r"tsch(ü|ue|u)ss|auf wiedersehen|adi(ó|o)s|hasta luego|ciao|au revoir|do widzenia|bonne nuit|"
    # "buenas noches" opening a message greets ("Buenas noches. I did a session today")
    r"(?<!^)(?<!^¡)buenas noches|à bientôt|a bientot|hasta mañana|hasta manana|"
    # goodbye in the other languages visitors mix in ("Obrigada, tchau", "Merci, adieu")
    r"t?chau|tschau|adeus|adieu|arrivederci|buona (giornata|serata|notte)|"
    r"bonne (journ(é|e)e|soir(é|e)e|fin de journ(é|e)e)|tot ziens|doei|do zobaczenia|"
    r"viszl(á|a)t|g(ü|u)le g(ü|u)le|ho(ş|s)(ç|c)a ?kal|hej d(å|a)|nákemiin|nakemiin|"
    r"(?<=[,.!] )buen d(í|i)a(?=\W*$)|"
    r"(thats|that's|that is) (all|it)( for (now|today))?(?=\W*$)|"
    r"have a (good|nice|great|lovely) (day|evening|night|weekend|one)|good ?day to (you|ya)|"
    r"(?<=[.!,]\s)good (day|evening)( to (you|u)( all)?)?(?=\W*$)|"
    # "Thanks all the same. Good afternoon to you." (not "good afternoon" opening a message)
    r"(?<=[.!,]\s)good (morning|afternoon) to (you|u)( all)?(?=\W*$))\b",
    re.I,
)

# The visitor says they are getting help now ("ok ill call 999", "ambulance is on its way").
CALLING_FOR_HELP = re.compile(
    # (not "I'm not gonna call 999", "im not going to a&e": refused, so the advice again)
    r"\b(?<!not )(?<!never )(?<!nt )(?<!n't )"
    r"(ill|i'll|il|i'l|i will|will|im|i'm|we'll|well|were|we're|gonna|going to|about to|"
    r"i shall|shall|hes|he's|he is|shes|she's|she is|theyre|they're|they are) "
    r"(call|ring|phone|telephone|calling|ringing|phoning|telephoning) "
    r"(999|911|112|an ambulance|the ambulance|"
    r"emergency services|them|the clinic|my gp|the doctor|a doctor|111|"
    # "I'll phone the old clinic now"
    r"the (old|other|previous|first) clinic|my (own )?(clinic|doctor|surgery|practice)|"
    r"the (surgery|practice|gp))\b|"
    # "fine I'll call. but in general ...", "ok ill ring now"
    r"\b(i'll|ill|i will) (call|ring|phone)( (now|then|right now|straight away))?\b(?= *[.,!]| *$)|"
    r"\b(ambulance|paramedics?|help)('?s| is| are)? (coming|here|called|on (its|the|their) way|"
    r"en route)\b|"
    r"\b(?<!not )(?<!nt )(?<!never )(?<!wont be )(?<!won't be )(?<!not be )"
    # (not "I feel so stupid calling an ambulance for anxiety": not calling)
    r"(?<!stupid )(?<!silly )(?<!daft )(?<!embarrassed )(?<!idiot )(?<!ashamed )(?<!about )"
    r"(calling|ringing|phoning) (999|911|112|111|an ambulance|the ambulance|them|the clinic|now|"
    r"right now|straight away|the ([\w-]+ ){0,3}(line|number|service|doctor|gp|nurse))\b|"
    # "I called the on-call number, they're ringing back", "left a voicemail"
    # "ive called an ambulance" (not "haven't called an ambulance")
    r"\b(?<!not )(?<!nt )(?<!n't )(?<!never )(called|rang|phoned|rung) (for )?(an ambulance|"
    r"the ambulance|emergency services|the emergency services|the paramedics)\b|"
    r"\b(called|rang|phoned) (999|911|112|111|them|the ([\w-]+ ){0,3}(line|number|clinic|service|"
    r"doctor|gp|nurse))\b(?![^.!?]{0,30}\b(but|no answer|nobody|no one|no-one|cant get|couldnt)\b)|"
    r"\b(left|leaving) (a |them a )?(voicemail|voice mail|message)\b|"
    # "ok my husband call 112 now" (someone with them is calling)
    r"\b(husband|wife|partner|boyfriend|girlfriend|mum|mom|dad|friend|son|daughter|sister|"
    r"brother|neighbou?r) (is )?(call|calls|calling|called|ringing|rang|phoning|phoned) "
    r"(for )?(999|911|112|111|an ambulance|the ambulance)\b|"
    # "ringing for an ambulance now" (not "not ringing for an ambulance")
    r"\b(?<!not )(?<!nt )(?<!never )(calling|ringing|phoning) for (an|the) ambulance\b|"
    r"\b(?<!not )(?<!never )(?<!nt )(?<!n't )(?<!no way i'm )(?<!no way im )(?<!wont be )"
    r"(?<!won't be )(?<!not be )(going|heading|off|on (my|our) way) (to|into) "
    r"(a ?& ?e|a and e|hospital|the hospital|the er|er|urgent care|casualty|"
    r"the emergency (room|department))\b|"
    # "my friend is driving me to A&E now"
    r"\b(driving|taking|bringing) (me|her|him|us|them) (to|into) (a ?& ?e|a and e|"
    r"hospital|the hospital|the er|urgent care)\b",
    re.I,
)
# Getting help later, not now ("ill ring them first thing", "in a bit"): don't wait.
DELAYS = re.compile(
    r"\b(in a (bit|while|few hours|min|minute)|later( on)?|tomorrow|tmrw|tmr|first thing|"
    r"in the morning|after work|on monday|monday|next week|at the weekend|"
    r"when (i can|they open)|after (this|that|the check|the questions|we finish|we're done)|"
    r"once (this is|we're|we are) (done|finished))\b",
    re.I,
)

# A greeting opening a message ("hi, am I a good candidate?"): the check says hello back.
GREETING_FIRST = re.compile(
    r"^\W*(hi+|hiya|hello+|hey+|heya|hallo|good (morning|afternoon|evening|day)|morning|mornin|"
    r"evening|gday|g.day|howdy|yo|sup|"
    # Scottish, Irish and Australian hellos ("awright", "howya", "hiya there")
    r"awright|awrite|howya|howaya|how ya goin|kia ora|"
    r"greetings|bonjour|hola|ciao|cze[sś][cć]|"
    # a letter's opening ("Dear Sir or Madam, I hope this message finds you well")
    r"dear (sir|madam|sirs|all|team|doctor|dr|nurse|clinic|staff|\w+ team)|to whom it may concern|"
    # greetings in the other languages visitors open with ("Szia!", "Goedemiddag", "Merhaba")
    r"buon ?giorno|buona ?sera|salve|buen(os|as) (d(í|i)as|tardes|noches)|buenas|bom dia|"
    r"boa (tarde|noite)|ol(á|a)|salut|guten (tag|morgen|abend)|servus|moin|gr(ü|u)(ß|ss|s) gott|"
    r"goede(morgen|middag|navond)|hoi|dzie(ń|n) dobry|szia|sziasztok|merhaba|selam|namaste|"
    r"privet|hej|hei|ahoj|dobr(y|ý) den|kalimera|yassou|yasou)\b(?! (my|your|his|her|their) )",
    re.I,
)

# "Forget me" in the languages the assistant is greeted in (French, Spanish, Italian, German,
# Polish, Portuguese): the classifier is trained on English, and a privacy request must not
# depend on it. Matched without accents ("olvídame" = "olvidame").
FORGET_ME = re.compile(
    r"\b(oublie[sz]?[ -]?moi|oubliez[ -]?moi|(supprime[rz]?|efface[rz]?) (mes|toutes mes) donnees|"
    r"olvidame|olvideme|borrame|"
    r"(borra|borrar|borre|elimina|eliminar|elimine) (mis|todos mis) datos|"
    r"dimenticami|(cancella|cancellate|cancellare|elimina|eliminate) (i miei|tutti i miei) dati|"
    r"vergiss mich|vergessen sie mich|(losche|loschen sie|loscht) (meine|alle meine) daten|"
    r"meine daten (loschen|entfernen)|"
    r"zapomnij (o )?mnie|(usun|usuncie|skasuj|wykasuj) (moje|wszystkie moje) dane|"
    r"esqueca[ -]?me|(apague|apagar|apaga) (os )?(meus|todos os meus) dados|"
    # "I told you about my diabetes last time, I want that wiped"
    r"(want|need|like|would like) (that|it|this|them|those|all that|my (data|details|info\w*|"
    r"answers?|messages?|chat|conversation|history)) "
    r"(wiped|deleted|erased|removed|gone|forgotten)|"
    # "actually please delete my details, changed my mind"
    r"(delete|erase|wipe|remove|clear) (all )?(of )?my (data|details|info\w*|answers|messages|chat|"
    r"conversation|history|personal (data|details|info\w*))|"
    # "please delete what I've typed here"
    r"(delete|erase|wipe|remove|clear) (all )?(of )?what i('ve| have|ve)? (typed|written|said|"
    r"told you|put)|"
    # "please could you delete this chat now"
    r"(delete|erase|wipe|clear) (this|our|the) (whole |entire )?(chat|conversation)( now| please|"
    r" for me|\W*$)|"
    # "i used her phone earlier to ask you about my psoriasis, can you delete that bit please"
    r"(delete|erase|wipe|remove|forget) (that|this|the) (bit|part|message|messages|question)"
    r"( (about|where|with) [\w ]{1,40})?( please| pls| for me|\W*$))\b"
)


def unaccented(text: str) -> str:
    """Text with accents and the Polish l-stroke removed ("Grávida" -> "Gravida"), case kept.

    Emoji and other symbols are kept.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def without_accents(text: str) -> str:
    """Lowercase text with accents and the Polish l-stroke removed ("usuń" -> "usun")."""
    return unaccented(text.lower())


def asks_to_forget(text: str) -> bool:
    """Whether a message asks, in one of those languages, to delete the conversation."""
    return bool(FORGET_ME.search(without_accents(text)))
