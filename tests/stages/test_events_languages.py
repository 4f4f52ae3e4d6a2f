"""Trigger lexicons of languages with little or no dev data (es pt it tr zh ur ru nl pl).

Hand-written wire-style sentences (not from the dev set) run through the whole pipeline: the
expected PLOVER type must be among the events found; advice, negated, hypothetical and
non-news sentences must give no event. The language is passed so that short sentences do not
depend on language identification.
"""

from __future__ import annotations

import pytest
from events_helpers import sentence_events

from wirewatch.api import analyze_text
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.stages.events_units import role_names

PUBLISHED = "2024-01-30"
SETTINGS = Settings(workers=1)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    # analyze_text builds a new Pipeline per call (~1.5 s); one per module is the same run
    return Pipeline(SETTINGS)


def _types(pipeline: Pipeline, lang: str, sentence: str) -> list[str]:
    return [e.type for e in sentence_events(pipeline, SETTINGS, lang, sentence, PUBLISHED)]


def test_same_as_analyze_text(pipeline: Pipeline) -> None:
    sentence = "Irán condenó el ataque y amenazó con represalias contra Estados Unidos."
    doc = analyze_text("Title\n\n" + sentence, published=PUBLISHED, language="es")
    assert [e.type for e in doc.events] == _types(pipeline, "es", sentence) == ["THREATEN"]


EVENTS = [
    # a condemnation in a converb ("kınayarak": condemning it, ...)
    ("tr", "Irak hükümeti salı günü ABD'nin saldırısını kınayarak açıklama yaptı.", "ACCUSE"),
    # a group suspending its operations against a party concedes
    (
        "es",
        "Kataib Hezbolá anunció el martes la suspensión de sus operaciones militares contra las"
        " fuerzas estadounidenses.",
        "CONCEDE",
    ),
    # Arabic "قد" before a past verb is "had", no modal ("قد تشن": "may launch", is)
    (
        "ar",
        "وكان الجيش الإسرائيلي قد أعلن، الجمعة، اغتيال القيادي في حزب الله إبراهيم عقيل.",
        "ASSAULT",
    ),
    # troops to be sent home: an announced withdrawal
    (
        "id",
        "Obama menyatakan semua tentara AS di Irak akan dipulangkan akhir tahun ini.",
        "CONCEDE",
    ),
    # calling the attack something is a condemnation
    ("id", "Pejabat Irak menyebut serangan itu sebagai serangan teroris.", "ACCUSE"),
    ("es", "El gobierno iraquí calificó de agresión el ataque estadounidense.", "ACCUSE"),
    ("pt", "O governo iraquiano classificou como uma violação o ataque americano.", "ACCUSE"),
    (
        "es",
        "Estados Unidos lanzó el domingo un ataque aéreo contra posiciones de Kataib Hezbolá en el oeste de Irak.",
        "ASSAULT",
    ),
    (
        "es",
        "Un ataque con dron estadounidense mató a un comandante de Kataib Hezbolá en Bagdad el miércoles.",
        "ASSAULT",
    ),
    (
        "es",
        "Milicias proiraníes dispararon cohetes contra una base estadounidense cerca de Erbil el martes.",
        "ASSAULT",
    ),
    (
        "es",
        "Miles de manifestantes irrumpieron en la embajada de Estados Unidos en Bagdad el martes.",
        "PROTEST",
    ),
    ("es", "Irán condenó el ataque y amenazó con represalias contra Estados Unidos.", "THREATEN"),
    (
        "es",
        "Irán amenazó con responder con contundencia a cualquier agresión de Estados Unidos.",
        "THREATEN",
    ),
    ("es", "Washington impuso nuevas sanciones a Kataib Hezbolá el jueves.", "SANCTION"),
    (
        "es",
        "El Parlamento iraquí votó a favor de expulsar a las tropas estadounidenses del país.",
        "SANCTION",
    ),
    ("es", "El Gobierno iraquí acusó a Estados Unidos de violar la soberanía del país.", "ACCUSE"),
    ("es", "El primer ministro iraquí pidió a Washington que retire sus tropas.", "REQUEST"),
    (
        "es",
        "El secretario de Estado estadounidense se reunió con el primer ministro iraquí en Bagdad el lunes.",
        "CONSULT",
    ),
    (
        "es",
        "Irak y Estados Unidos acordaron el lunes iniciar conversaciones sobre el futuro de la coalición.",
        "AGREE",
    ),
    ("es", "Estados Unidos retiró a sus tropas de la base de Al Qaim el viernes.", "RETREAT"),
    ("es", "Israel y Hezbolá firmaron un acuerdo de alto el fuego el martes.", "AGREE"),
    (
        "pt",
        "Os Estados Unidos realizaram no domingo ataques aéreos contra posições do Kataib Hezbollah no Iraque.",
        "ASSAULT",
    ),
    (
        "pt",
        "Um ataque com drone norte-americano matou um comandante do Kataib Hezbollah em Bagdá na quarta-feira.",
        "ASSAULT",
    ),
    (
        "pt",
        "Milícias pró-iranianas dispararam foguetes contra uma base dos EUA perto de Erbil na terça-feira.",
        "ASSAULT",
    ),
    (
        "pt",
        "Milhares de manifestantes invadiram a embaixada dos Estados Unidos em Bagdá na terça-feira.",
        "PROTEST",
    ),
    ("pt", "O Irã condenou o ataque e ameaçou retaliar contra os Estados Unidos.", "THREATEN"),
    (
        "pt",
        "O Irã ameaçou com represálias os Estados Unidos após o assassinato do general.",
        "THREATEN",
    ),
    ("pt", "Washington impôs novas sanções ao Kataib Hezbollah na quinta-feira.", "SANCTION"),
    ("pt", "O Parlamento iraquiano votou pela expulsão das tropas estrangeiras.", "SANCTION"),
    ("pt", "O governo iraquiano acusou os Estados Unidos de violar a soberania do país.", "ACCUSE"),
    (
        "pt",
        "O primeiro-ministro iraquiano pediu a Washington que retire as suas tropas.",
        "REQUEST",
    ),
    (
        "pt",
        "O secretário de Estado norte-americano reuniu-se com o primeiro-ministro iraquiano em Bagdá na segunda-feira.",
        "CONSULT",
    ),
    (
        "pt",
        "O Iraque e os Estados Unidos concordaram em iniciar negociações sobre o futuro da coalizão.",
        "AGREE",
    ),
    (
        "pt",
        "Os Estados Unidos retiraram as suas tropas da base de Al Qaim na sexta-feira.",
        "RETREAT",
    ),
    (
        "it",
        "Gli Stati Uniti hanno condotto domenica raid aerei contro postazioni di Kataib Hezbollah in Iraq.",
        "ASSAULT",
    ),
    (
        "it",
        "Un attacco con drone americano ha ucciso un comandante di Kataib Hezbollah a Baghdad mercoledì.",
        "ASSAULT",
    ),
    (
        "it",
        "Milizie filo-iraniane hanno lanciato razzi contro una base statunitense vicino a Erbil martedì.",
        "ASSAULT",
    ),
    (
        "it",
        "Migliaia di manifestanti hanno preso d'assalto l'ambasciata degli Stati Uniti a Baghdad martedì.",
        "PROTEST",
    ),
    (
        "it",
        "L'Iran ha condannato l'attacco e ha minacciato ritorsioni contro gli Stati Uniti.",
        "THREATEN",
    ),
    ("it", "Washington ha imposto nuove sanzioni a Kataib Hezbollah giovedì.", "SANCTION"),
    (
        "it",
        "Il Parlamento iracheno ha votato per l'espulsione delle truppe straniere dal Paese.",
        "SANCTION",
    ),
    (
        "it",
        "Il governo iracheno ha accusato gli Stati Uniti di violare la sovranità del Paese.",
        "ACCUSE",
    ),
    (
        "it",
        "Il primo ministro iracheno ha chiesto a Washington di ritirare le sue truppe.",
        "REQUEST",
    ),
    (
        "it",
        "Il segretario di Stato americano ha incontrato il primo ministro iracheno a Baghdad lunedì.",
        "CONSULT",
    ),
    (
        "it",
        "Iraq e Stati Uniti hanno concordato lunedì di avviare colloqui sul futuro della coalizione.",
        "AGREE",
    ),
    (
        "it",
        "Gli Stati Uniti hanno ritirato le loro truppe dalla base di Al Qaim venerdì.",
        "RETREAT",
    ),
    (
        "tr",
        "ABD pazar günü Irak'ta Ketaib Hizbullah mevzilerine hava saldırısı düzenledi.",
        "ASSAULT",
    ),
    (
        "tr",
        "ABD'nin insansız hava aracı saldırısında Bağdat'ta Ketaib Hizbullah'ın bir komutanı öldürüldü.",
        "ASSAULT",
    ),
    (
        "tr",
        "İran destekli milisler salı günü Erbil yakınlarındaki bir ABD üssüne roketli saldırı düzenledi.",
        "ASSAULT",
    ),
    ("tr", "Binlerce gösterici salı günü Bağdat'taki ABD Büyükelçiliği'ni bastı.", "PROTEST"),
    ("tr", "İran saldırıyı kınadı ve ABD'yi misillemeyle tehdit etti.", "THREATEN"),
    ("tr", "Washington perşembe günü Ketaib Hizbullah'a yeni yaptırımlar uyguladı.", "SANCTION"),
    ("tr", "Irak Meclisi yabancı askerlerin ülkeden çıkarılması yönünde oy kullandı.", "SANCTION"),
    ("tr", "Irak hükümeti ABD'yi ülkenin egemenliğini ihlal etmekle suçladı.", "ACCUSE"),
    ("tr", "Irak Başbakanı Washington'dan askerlerini geri çekmesini istedi.", "REQUEST"),
    ("tr", "ABD Dışişleri Bakanı pazartesi günü Bağdat'ta Irak Başbakanı ile görüştü.", "CONSULT"),
    (
        "tr",
        "Irak ve ABD, koalisyonun geleceğine ilişkin müzakerelere başlama konusunda anlaştı.",
        "AGREE",
    ),
    ("tr", "ABD cuma günü Ayn el-Esad üssündeki askerlerini geri çekti.", "RETREAT"),
    ("zh", "美国周日对伊拉克境内真主党旅的阵地发动空袭。", "ASSAULT"),
    ("zh", "美国无人机袭击在巴格达炸死一名真主党旅指挥官。", "ASSAULT"),
    ("zh", "亲伊朗民兵周二向埃尔比勒附近的一处美军基地发射火箭弹。", "ASSAULT"),
    ("zh", "数千名抗议者周二冲击美国驻巴格达大使馆。", "PROTEST"),
    ("zh", "伊朗谴责这次袭击，并威胁将对美国进行报复。", "THREATEN"),
    ("zh", "美国周四对真主党旅实施新的制裁。", "SANCTION"),
    ("zh", "伊拉克议会投票要求驱逐外国军队。", "SANCTION"),
    ("zh", "伊拉克政府指责美国侵犯伊拉克主权。", "ACCUSE"),
    ("zh", "伊拉克总理要求美国撤出其军队。", "REQUEST"),
    ("zh", "美国国务卿周一在巴格达会见了伊拉克总理。", "CONSULT"),
    ("zh", "伊拉克和美国同意就联军的未来展开谈判。", "AGREE"),
    ("zh", "美国周五从阿萨德空军基地撤出部队。", "RETREAT"),
    ("ur", "امریکہ نے اتوار کو عراق میں کتائب حزب اللہ کے ٹھکانوں پر فضائی حملے کیے۔", "ASSAULT"),
    ("ur", "بغداد میں امریکی ڈرون حملے میں کتائب حزب اللہ کا ایک کمانڈر ہلاک ہو گیا۔", "ASSAULT"),
    ("ur", "ایران نواز ملیشیا نے منگل کو اربیل کے قریب امریکی اڈے پر راکٹ داغے۔", "ASSAULT"),
    ("ur", "ہزاروں مظاہرین نے منگل کو بغداد میں امریکی سفارت خانے پر دھاوا بول دیا۔", "PROTEST"),
    ("ur", "ایران نے حملے کی مذمت کی اور امریکہ کو جوابی کارروائی کی دھمکی دی۔", "THREATEN"),
    ("ur", "امریکہ نے جمعرات کو کتائب حزب اللہ پر نئی پابندیاں عائد کیں۔", "SANCTION"),
    ("ur", "عراقی پارلیمنٹ نے غیر ملکی فوجیوں کو ملک سے نکالنے کے حق میں ووٹ دیا۔", "SANCTION"),
    ("ur", "عراقی حکومت نے امریکہ پر ملک کی خودمختاری کی خلاف ورزی کا الزام عائد کیا۔", "ACCUSE"),
    ("ur", "عراقی وزیر اعظم نے امریکہ سے اپنی فوجیں واپس بلانے کا مطالبہ کیا۔", "REQUEST"),
    ("ur", "امریکی وزیر خارجہ نے پیر کو بغداد میں عراقی وزیر اعظم سے ملاقات کی۔", "CONSULT"),
    ("ur", "عراق اور امریکہ نے اتحاد کے مستقبل پر مذاکرات شروع کرنے پر اتفاق کیا۔", "AGREE"),
    ("ur", "امریکہ نے جمعہ کو عین الاسد اڈے سے اپنی فوجیں واپس بلا لیں۔", "RETREAT"),
    ("ru", "США в воскресенье нанесли авиаудары по позициям «Катаиб Хезболлы» в Ираке.", "ASSAULT"),
    (
        "ru",
        "В результате удара американского беспилотника в Багдаде погиб командир «Катаиб Хезболлы».",
        "ASSAULT",
    ),
    (
        "ru",
        "Проиранские боевики во вторник обстреляли ракетами американскую базу под Эрбилем.",
        "ASSAULT",
    ),
    ("ru", "Тысячи демонстрантов во вторник штурмовали посольство США в Багдаде.", "PROTEST"),
    ("ru", "Иран осудил нападение и пригрозил США ответными мерами.", "THREATEN"),
    ("ru", "Вашингтон в четверг ввел новые санкции против «Катаиб Хезболлы».", "SANCTION"),
    ("ru", "Парламент Ирака проголосовал за вывод иностранных войск из страны.", "SANCTION"),
    ("ru", "Правительство Ирака обвинило США в нарушении суверенитета страны.", "ACCUSE"),
    ("ru", "Премьер-министр Ирака призвал Вашингтон вывести свои войска.", "REQUEST"),
    (
        "ru",
        "Госсекретарь США в понедельник встретился в Багдаде с премьер-министром Ирака.",
        "CONSULT",
    ),
    ("ru", "Ирак и США договорились начать переговоры о будущем коалиции.", "AGREE"),
    ("ru", "США в пятницу вывели свои войска с базы Эйн-эль-Асад.", "RETREAT"),
    (
        "nl",
        "De Verenigde Staten voerden zondag luchtaanvallen uit op posities van Kataib Hezbollah in Irak.",
        "ASSAULT",
    ),
    (
        "nl",
        "Bij een Amerikaanse droneaanval in Bagdad is woensdag een commandant van Kataib Hezbollah gedood.",
        "ASSAULT",
    ),
    (
        "nl",
        "Pro-Iraanse milities vuurden dinsdag raketten af op een Amerikaanse basis bij Erbil.",
        "ASSAULT",
    ),
    (
        "nl",
        "Duizenden demonstranten bestormden dinsdag de Amerikaanse ambassade in Bagdad.",
        "PROTEST",
    ),
    (
        "nl",
        "Iran veroordeelde de aanval en dreigde met vergelding tegen de Verenigde Staten.",
        "THREATEN",
    ),
    ("nl", "Washington legde donderdag nieuwe sancties op aan Kataib Hezbollah.", "SANCTION"),
    (
        "nl",
        "Het Iraakse parlement stemde voor het verdrijven van buitenlandse troepen uit het land.",
        "SANCTION",
    ),
    (
        "nl",
        "De Iraakse regering beschuldigde de Verenigde Staten van schending van de soevereiniteit.",
        "ACCUSE",
    ),
    ("nl", "De Iraakse premier riep Washington op zijn troepen terug te trekken.", "REQUEST"),
    # Arabic "إن"/"أن" after a reporting verb is "that", not "if"
    ("ar", "وقال المتحدث باسم الخارجية الإيرانية إن طهران ترفض الاتهامات الأمريكية.", "REJECT"),
    # a withdrawal to come on a condition is a threat
    (
        "fr",
        "Les États-Unis retireront leurs troupes d'Irak à moins que les attaques cessent.",
        "THREATEN",
    ),
    # separable verbs with the particle closing the clause
    ("nl", "Israël viel zondag doelen van Hezbollah in Zuid-Libanon aan.", "ASSAULT"),
    ("de", "Israel griff am Sonntag Stellungen der Hisbollah im Südlibanon an.", "ASSAULT"),
    ("de", "Der Iran wies die Vorwürfe der USA am Montag entschieden zurück.", "REJECT"),
    ("de", "Teheran warf Washington am Montag vor, die Region zu destabilisieren.", "ACCUSE"),
    (
        "nl",
        "De Amerikaanse minister van Buitenlandse Zaken had maandag in Bagdad een ontmoeting met de Iraakse premier.",
        "CONSULT",
    ),
    (
        "nl",
        "Irak en de Verenigde Staten kwamen overeen om gesprekken te beginnen over de toekomst van de coalitie.",
        "AGREE",
    ),
    (
        "nl",
        "De Verenigde Staten trokken vrijdag hun troepen terug uit de basis Al Asad.",
        "RETREAT",
    ),
    (
        "pl",
        "Stany Zjednoczone przeprowadziły w niedzielę naloty na pozycje Kataib Hezbollah w Iraku.",
        "ASSAULT",
    ),
    ("pl", "W ataku amerykańskiego drona w Bagdadzie zginął dowódca Kataib Hezbollah.", "ASSAULT"),
    (
        "pl",
        "Proirańskie milicje we wtorek ostrzelały rakietami amerykańską bazę w pobliżu Irbilu.",
        "ASSAULT",
    ),
    ("pl", "Tysiące demonstrantów szturmowało we wtorek ambasadę USA w Bagdadzie.", "PROTEST"),
    ("pl", "Iran potępił atak i zagroził Stanom Zjednoczonym odwetem.", "THREATEN"),
    ("pl", "Waszyngton nałożył w czwartek nowe sankcje na Kataib Hezbollah.", "SANCTION"),
    ("pl", "Iracki parlament zagłosował za wydaleniem obcych wojsk z kraju.", "SANCTION"),
    ("pl", "Rząd Iraku oskarżył Stany Zjednoczone o naruszenie suwerenności kraju.", "ACCUSE"),
    ("pl", "Premier Iraku wezwał Waszyngton do wycofania wojsk.", "REQUEST"),
    (
        "pl",
        "Sekretarz stanu USA spotkał się w poniedziałek w Bagdadzie z premierem Iraku.",
        "CONSULT",
    ),
    (
        "pl",
        "Irak i Stany Zjednoczone uzgodniły rozpoczęcie rozmów na temat przyszłości koalicji.",
        "AGREE",
    ),
    ("pl", "Stany Zjednoczone wycofały w piątek swoje wojska z bazy Ain al-Asad.", "RETREAT"),
]

NON_EVENTS = [
    # verb-final languages negate the light verb after the trigger noun
    ("fa", "آمریکا به ایران حمله نکرد."),
    ("hi", "अमेरिका ने ईरान पर हमला नहीं किया।"),
    ("ur", "امریکہ نے ایران پر حملہ نہیں کیا۔"),
    ("ku", "Amerîka êrîşî Îranê nekir."),
    ("tr", "ABD İran'a saldırmadı."),  # a negative ending on the trigger word
    ("tr", "İsrail, Lübnan'a saldırmayacağını açıkladı."),
    ("de", "Der Griff nach der Macht an der Grenze bleibt ein Thema."),
    ("es", "Estados Unidos debería retirar sus tropas de Irak cuanto antes."),
    ("es", "Nadie resultó muerto en el ataque, según fuentes de seguridad."),
    ("es", "Mañana se esperan lluvias fuertes en el norte del país."),
    ("es", "El Real Madrid ganó 3-1 al Barcelona en el clásico del domingo."),
    ("es", "La receta lleva tomate, cebolla y un poco de aceite de oliva."),
    ("pt", "Os Estados Unidos deveriam retirar as suas tropas do Iraque o quanto antes."),
    ("pt", "Ninguém morreu no ataque, segundo fontes de segurança."),
    ("pt", "A previsão do tempo indica chuva forte no sul do país amanhã."),
    ("pt", "O Flamengo venceu o Palmeiras por 2 a 0 no domingo."),
    ("pt", "A receita leva tomate, cebola e um pouco de azeite."),
    ("it", "Gli Stati Uniti dovrebbero ritirare le truppe dall'Iraq al più presto."),
    ("it", "Nessuno è rimasto ucciso nell'attacco, secondo fonti della sicurezza."),
    ("it", "Domani sono previste forti piogge nel nord del Paese."),
    ("it", "La Juventus ha battuto l'Inter per 2 a 1 domenica sera."),
    ("it", "La ricetta prevede pomodoro, cipolla e un filo d'olio."),
    ("tr", "ABD askerlerini bir an önce Irak'tan çekmeli."),
    ("tr", "Saldırıda kimse hayatını kaybetmedi."),
    ("tr", "Yarın ülkenin kuzeyinde kuvvetli yağış bekleniyor."),
    ("tr", "Galatasaray pazar akşamı Fenerbahçe'yi 2-1 yendi."),
    ("tr", "Tarif için domates, soğan ve biraz zeytinyağı gerekiyor."),
    ("zh", "美国应该尽快从伊拉克撤军。"),
    ("zh", "袭击中没有人死亡。"),
    ("zh", "明天北方地区将有大雨。"),
    ("zh", "皇家马德里周日以三比一击败巴塞罗那。"),
    ("zh", "这道菜需要番茄、洋葱和少许橄榄油。"),
    ("ur", "امریکہ کو جلد از جلد عراق سے اپنی فوجیں نکال لینی چاہئیں۔"),
    ("ur", "حملے میں کوئی ہلاک نہیں ہوا۔"),
    ("ur", "کل ملک کے شمالی علاقوں میں شدید بارش کا امکان ہے۔"),
    ("ur", "پاکستان نے اتوار کو کرکٹ میچ میں بھارت کو پانچ وکٹوں سے شکست دی۔"),
    ("ur", "اس ترکیب میں ٹماٹر، پیاز اور تھوڑا سا زیتون کا تیل استعمال ہوتا ہے۔"),
    ("ru", "США следует как можно скорее вывести войска из Ирака."),
    ("ru", "В результате нападения никто не погиб."),
    ("ru", "Завтра на севере страны ожидаются сильные дожди."),
    ("ru", "«Спартак» в воскресенье обыграл ЦСКА со счетом 2:1."),
    ("ru", "Для рецепта нужны помидоры, лук и немного оливкового масла."),
    ("nl", "De Verenigde Staten zouden hun troepen zo snel mogelijk uit Irak moeten terugtrekken."),
    ("nl", "Bij de aanval is niemand om het leven gekomen."),
    ("nl", "Morgen wordt in het noorden van het land zware regen verwacht."),
    ("nl", "Ajax won zondag met 2-1 van Feyenoord."),
    ("nl", "Voor het recept heb je tomaten, ui en een beetje olijfolie nodig."),
    ("pl", "Stany Zjednoczone powinny jak najszybciej wycofać wojska z Iraku."),
    ("pl", "W ataku nikt nie zginął."),
    ("pl", "Jutro na północy kraju spodziewane są intensywne opady deszczu."),
    ("pl", "Legia Warszawa pokonała w niedzielę Lecha Poznań 2:1."),
    ("pl", "Do przepisu potrzebne są pomidory, cebula i trochę oliwy."),
    # "in response to a question" is no retaliation; "cautious" (حذرا) is no warning
    ("ar", "وردا على سؤال حول الطقس، قال المتحدث إنه لا يعرف."),
    ("ar", "وكان كروكر حذرا في حديثه عن إيران."),
    ("ar", "قد تشن إيران هجوما على القواعد الأمريكية."),
    # arms depots are what strikes hit, no seizure
    ("es", "El Pentágono aseguró que los bombardeos alcanzaron depósitos de armas del grupo."),
    # troops stationed somewhere: a state, not a deployment
    ("de", "Im Irak sind rund 2.500 US-Soldaten stationiert, im Nachbarland Syrien 900."),
    # an embedded question asks whether it happened, for threats and demands too; asking
    # one is no demand
    ("ar", "وسئل الوزير عما اذا طلبت ايران من الولايات المتحدة جدولة الانسحاب."),
    ("de", "Es ist unklar, ob der Iran den USA mit Vergeltung gedroht hat."),
    ("id", "Wartawan bertanya apakah Iran mengancam Amerika Serikat."),
    ("en", "Reporters asked whether Iran had threatened the United States."),
    ("fr", "Les journalistes ont demandé si l'Iran avait menacé les États-Unis."),
    # a modal right after a noun trigger: a hypothetical
    ("fr", "Un retrait américain d'Irak pourrait mener à plus de retraits d'autres pays."),
    ("es", "Una retirada estadounidense podría provocar más retiradas de otros países."),
]

# a denied act did not happen as far as the text says (the denial itself may be a REJECT)
DENIED = [
    ("es", "Irán negó haber lanzado un ataque con misiles contra la base estadounidense."),
    ("pt", "O Irã negou ter lançado um ataque com mísseis contra a base americana."),
    ("fr", "L'Iran a démenti avoir mené une attaque de drones contre la base américaine."),
    ("ar", "ونفت إيران شن هجوم صاروخي على القاعدة الأمريكية."),
]


@pytest.mark.parametrize(("lang", "sentence", "etype"), EVENTS)
def test_expected_type_found(pipeline: Pipeline, lang: str, sentence: str, etype: str) -> None:
    assert etype in _types(pipeline, lang, sentence)


@pytest.mark.parametrize(("lang", "sentence"), NON_EVENTS)
def test_no_event(pipeline: Pipeline, lang: str, sentence: str) -> None:
    assert _types(pipeline, lang, sentence) == []


@pytest.mark.parametrize(("lang", "sentence"), DENIED)
def test_denied_attack_is_no_assault(pipeline: Pipeline, lang: str, sentence: str) -> None:
    assert "ASSAULT" not in _types(pipeline, lang, sentence)


def test_the_act_a_threat_names_is_no_event(pipeline: Pipeline) -> None:
    sentence = (
        "Washington menace de fermer son ambassade à Bagdad et de réduire ses forces en Irak."
    )
    assert _types(pipeline, "fr", sentence) == ["THREATEN"]


def test_the_act_an_agreement_names_is_no_event(pipeline: Pipeline) -> None:
    sentence = "Perjanjian penarikan pulang semua pasukan AS di Irak disepakati kedua negara pada tahun 2008."
    assert _types(pipeline, "id", sentence) == ["AGREE"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the source of a reported act goes on speaking
        (
            "hi",
            "मंगलवार को अमेरिका ने जानकारी दी थी कि ईरान इजरायल के खिलाफ मिसाइल हमले की तैयारी कर"
            " रहा है। इस तरह के किसी भी हमले के लिए तेहरान को गंभीर परिणाम भुगतने होंगे।",
        ),
        # a warning too weak to report still names the speaker of the next sentence
        (
            "de",
            "Am Nachmittag hatte die US-Regierung vor einem Raketenangriff gewarnt. Ein solcher"
            " Angriff werde schwerwiegende Folgen für den Iran haben, hieß es in einer Mitteilung.",
        ),
    ],
)
def test_a_threat_without_speaker_continues_the_sentence_before(
    pipeline: Pipeline, lang: str, text: str
) -> None:
    events = sentence_events(pipeline, SETTINGS, lang, text, PUBLISHED)
    assert [(e.actor, e.recipient) for e in events if e.type == "THREATEN"] == [
        ("United States", "Iran")
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ar",
            "تتواصل العلاقات بين العراق والولايات المتحدة. واختتمت جولة الحوار الاستراتيجي بين"
            " البلدين الجمعة في واشنطن.",
        ),
        (
            "id",
            "Hubungan antara Irak dan Amerika Serikat terus membaik. Perundingan kedua negara"
            " berakhir hari Jumat.",
        ),
        (
            "fr",
            "Les relations entre l'Irak et les États-Unis restent tendues. Le dialogue stratégique"
            " entre les deux pays s'est achevé vendredi.",
        ),
    ],
)
def test_the_two_countries_are_the_two_named_last(pipeline: Pipeline, lang: str, text: str) -> None:
    (talks,) = sentence_events(pipeline, SETTINGS, lang, text, PUBLISHED)
    assert talks.type == "CONSULT"
    assert set(role_names(talks.actor)) == {"Iraq", "United States"}


def test_an_announcement_in_the_passive_is_its_speakers(pipeline: Pipeline) -> None:
    sentence = "Obama menyatakan semua tentara AS di Irak akan dipulangkan akhir tahun ini."
    (announced,) = sentence_events(pipeline, SETTINGS, "id", sentence, PUBLISHED)
    assert (announced.type, announced.actor) == ("CONCEDE", "Barack Obama")


def test_sources_a_nationality_qualifies_speak_and_claim_nothing(pipeline: Pipeline) -> None:
    sentence = "وأكدت مصادر أمنية عراقية أمس سقوط 9 صواريخ على القوات الأمريكية في قاعدة عين الأسد."
    (strike,) = sentence_events(pipeline, SETTINGS, "ar", sentence, PUBLISHED)
    assert (strike.actor, strike.recipient, strike.reported_by) == (None, "United States", "Iraq")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "ru",
            "Американские военные в Ираке вчера обнаружили тайники с минометами, реактивными"
            " снарядами и взрывчатыми веществами иранского производства.",
        ),
        ("en", "US troops seized a cache of Iranian rockets and mortars in Basra on Sunday."),
    ],
)
def test_the_weapons_a_seizure_names_are_no_attack(
    pipeline: Pipeline, lang: str, sentence: str
) -> None:
    assert _types(pipeline, lang, sentence) == ["COERCE"]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("hi", "ईरान ने मंगलवार को इराक पर अमेरिकी हमले की निंदा की।"),
        ("ur", "ایران نے منگل کو عراق پر امریکی حملے کی مذمت کی۔"),
    ],
)
def test_a_nationality_word_before_the_condemned_attack_is_its_doer(
    pipeline: Pipeline, lang: str, sentence: str
) -> None:
    (condemned,) = sentence_events(pipeline, SETTINGS, lang, sentence, PUBLISHED)
    assert (condemned.type, condemned.actor, condemned.recipient) == (
        "ACCUSE",
        "Iran",
        "United States",
    )


# "N soldiers died / were killed in an attack": the dead are the target, the doer unnamed
KILLED_IN_AN_ATTACK = [
    (
        "es",
        "Tres soldados estadounidenses murieron el domingo en un ataque con drones en Jordania.",
    ),
    ("pt", "Três soldados americanos morreram no domingo num ataque com drones na Jordânia."),
    ("fr", "Trois soldats américains ont été tués dimanche dans une attaque de drone en Jordanie."),
    ("de", "Drei US-Soldaten wurden am Sonntag bei einem Drohnenangriff in Jordanien getötet."),
    (
        "ru",
        "Трое американских военных погибли в воскресенье в результате атаки беспилотника в Иордании.",
    ),
    ("zh", "三名美国士兵周日在约旦的一次无人机袭击中丧生。"),
    ("fa", "سه سرباز آمریکایی روز یکشنبه در حمله پهپادی در اردن کشته شدند."),
    ("id", "Tiga tentara AS tewas pada hari Minggu dalam serangan drone di Yordania."),
]


@pytest.mark.parametrize(("lang", "sentence"), KILLED_IN_AN_ATTACK)
def test_the_dead_are_the_target_not_the_doer(pipeline: Pipeline, lang: str, sentence: str) -> None:
    (attack,) = sentence_events(pipeline, SETTINGS, lang, sentence, PUBLISHED)
    assert (attack.type, attack.actor, attack.recipient) == ("ASSAULT", None, "United States")


def test_the_name_right_after_the_attack_that_killed_is_its_doer(pipeline: Pipeline) -> None:
    sentence = "Командир «Катаиб Хезболла» погиб в среду в результате удара США в Багдаде."
    (attack,) = sentence_events(pipeline, SETTINGS, "ru", sentence, PUBLISHED)
    assert (attack.actor, attack.recipient) == ("United States", "Kata'ib Hezbollah")


# the target is the subject: a passive with its agent before a clause-final participle, an
# agent preposition in a verb-final clause, an act suffered ("came under attack")
ATTACKED_BY = [
    ("de", "Der US-Stützpunkt wurde am Sonntag von der Kataib Hisbollah angegriffen."),
    ("fa", "پایگاه آمریکا روز یکشنبه توسط کتائب حزب‌الله مورد حمله قرار گرفت."),
    ("ru", "Американская база подверглась в воскресенье нападению «Катаиб Хезболла»."),
    ("de", "Der US-Stützpunkt geriet am Sonntag unter Beschuss der Kataib Hisbollah."),
    ("es", "La base estadounidense sufrió un ataque de Kataib Hezbolá el domingo."),
    ("fr", "La base américaine a subi une attaque du Kataeb Hezbollah dimanche."),
    ("ar", "القاعدة الأمريكية تعرضت يوم الأحد لهجوم من كتائب حزب الله."),
]


@pytest.mark.parametrize(("lang", "sentence"), ATTACKED_BY)
def test_the_subject_is_the_target_of_an_attack_by_another(
    pipeline: Pipeline, lang: str, sentence: str
) -> None:
    (attack,) = sentence_events(pipeline, SETTINGS, lang, sentence, PUBLISHED)
    assert (attack.type, attack.actor, attack.recipient) == (
        "ASSAULT",
        "Kata'ib Hezbollah",
        "United States",
    )


@pytest.mark.parametrize(
    ("sentence", "actor", "source"),
    [
        # a reporting verb closing the sentence: its subject is the source when the reported
        # clause has a marked subject of its own, else it claims the act
        (
            "Iraklı yetkililer pazar günü İran'ın bir ABD üssüne saldırdığını söyledi.",
            "Iran",
            "Government of Iraq",
        ),
        (
            "Irak İslami Direnişi pazar günü ABD üssüne saldırdığını açıkladı.",
            "Islamic Resistance in Iraq",
            None,
        ),
    ],
)
def test_a_closing_reporting_verb_names_the_source_or_the_claimant(
    pipeline: Pipeline, sentence: str, actor: str, source: str | None
) -> None:
    (attack,) = sentence_events(pipeline, SETTINGS, "tr", sentence, PUBLISHED)
    assert (attack.actor, attack.recipient, attack.reported_by) == (actor, "United States", source)


def test_an_excluded_longer_term_hides_no_trigger_inside_it(pipeline: Pipeline) -> None:
    # the accusation "bertanggung jawab atas serangan" is excluded after "mengklaim": a claim
    sentence = (
        "Perlawanan Islam di Irak mengklaim bertanggung jawab atas serangan terhadap pangkalan"
        " AS pada hari Minggu."
    )
    (attack,) = sentence_events(pipeline, SETTINGS, "id", sentence, PUBLISHED)
    assert (attack.type, attack.actor, attack.recipient) == (
        "ASSAULT",
        "Islamic Resistance in Iraq",
        "United States",
    )


def test_a_condemned_act_without_doer_is_the_one_reported_before(pipeline: Pipeline) -> None:
    text = (
        "Estados Unidos lanzó el miércoles ataques aéreos contra Kataib Hezbolá en Irak. El"
        " Gobierno iraquí condenó el jueves los bombardeos y los calificó de violación de la"
        " soberanía iraquí."
    )
    events = sentence_events(pipeline, SETTINGS, "es", text, PUBLISHED)
    assert [(e.actor, e.recipient) for e in events if e.type == "ACCUSE"] == [
        ("Government of Iraq", "United States")
    ]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("es", "El Gobierno iraquí convocó el jueves al encargado de negocios estadounidense."),
        ("pt", "O Iraque convocou no domingo o embaixador americano."),
        ("it", "L'Iraq ha convocato domenica l'ambasciatore americano."),
        ("id", "Irak memanggil Duta Besar AS pada hari Minggu."),
        ("ru", "Ирак в воскресенье вызвал американского посла."),
        ("en", "Iraq summoned the US ambassador on Sunday."),
    ],
)
def test_summoning_an_envoy_is_a_protest_at_his_country(
    pipeline: Pipeline, lang: str, sentence: str
) -> None:
    (protest,) = sentence_events(pipeline, SETTINGS, lang, sentence, PUBLISHED)
    assert (protest.type, protest.recipient) == ("ACCUSE", "United States")


@pytest.mark.parametrize(
    ("lang", "sentence", "etype", "roles"),
    [
        # the place phrase goes on after "and": Syria is no target
        (
            "ru",
            "Вооруженные силы США в пятницу нанесли удары по 85 целям в Ираке и Сирии.",
            "ASSAULT",
            ("United States", None),
        ),
        (
            "ar",
            "شنت الولايات المتحدة يوم الجمعة غارات على 85 هدفا في العراق وسوريا.",
            "ASSAULT",
            ("United States", None),
        ),
        # a conditional clause after the threat holds none of its arguments
        (
            "ru",
            "Президент США Джо Байден в субботу пригрозил новыми ударами, если нападения на"
            " американских военных продолжатся.",
            "THREATEN",
            ("Joe Biden", None),
        ),
        (
            "es",
            "Joe Biden amenazó el sábado con nuevos ataques, si continúan los ataques contra las"
            " tropas estadounidenses.",
            "THREATEN",
            ("Joe Biden", None),
        ),
    ],
)
def test_places_listed_and_conditions_hold_no_target(
    pipeline: Pipeline, lang: str, sentence: str, etype: str, roles: tuple[str, str | None]
) -> None:
    (event,) = sentence_events(pipeline, SETTINGS, lang, sentence, PUBLISHED)
    assert (event.type, event.actor, event.recipient) == (etype, *roles)


def test_who_reports_the_dead_claims_no_attack(pipeline: Pipeline) -> None:
    sentence = (
        "Представитель иракской армии заявил в субботу, что в результате ударов погибли 16 человек."
    )
    (attack,) = sentence_events(pipeline, SETTINGS, "ru", sentence, PUBLISHED)
    assert (attack.type, attack.actor, attack.reported_by) == ("ASSAULT", None, "Iraqi Army")
