"""The demo's projects: every state, European and national, founders from many countries, titles and
summaries in the founders' languages."""

from __future__ import annotations

from comenius.devdata.demo.plans import (
    ACTIVE,
    ARCHIVED,
    AWAITING_APPROVAL,
    AWAITING_COFOUNDER,
    CLOSED,
    DECLINED,
    DECLINED_INVITATION,
    DRAFT,
    INVITED,
    LEFT,
    REOPENED,
    RETURNED,
    DemoPartner,
    DemoProject,
)
from comenius.projects.models import ProjectRole

PROJECTS = (
    DemoProject(
        founder="PL0",
        cofounder="IT0",
        stage=ACTIVE,
        gallery=True,
        title="Przepisy naszych babć – Le ricette delle nonne",
        summary=(
            "Uczniowie z Krakowa i Bolonii zbierają przepisy swoich dziadków, gotują je w szkole i tworzą wspólną "
            "dwujęzyczną książkę kucharską. / Gli alunni di Cracovia e Bologna raccolgono le ricette dei nonni, le "
            "cucinano a scuola e creano insieme un ricettario bilingue."
        ),
        description=(
            "Each pupil interviews a grandparent or an older neighbour about a dish from their childhood, writes "
            "the recipe down and photographs the cooking. Every month the classes swap recipes, cook one from the "
            "partner country and compare: pierogi and tortellini, barszcz and minestrone. Pupils explain the "
            "ingredients to each other in simple English and learn a few words of Polish and Italian."
        ),
        aims=(
            "Talk with older generations; write clear instructions; discover the food culture of the partner "
            "country; practise English, Polish and Italian."
        ),
        work_process=(
            "October–November: interviews at home. December: first video call and exchange. January–April: one "
            "recipe a month, cooked and reviewed by the partner class. May: layout of the book."
        ),
        expected_results=(
            "A bilingual illustrated cookbook (PDF and printed), a short film of the cooking days and a shared "
            "glossary of kitchen words."
        ),
        languages=("pl", "it", "en"),
        subjects=("mother_tongue", "health", "cross_curricular"),
        ages=(8, 11),
        pupils=46,
        partners=(
            DemoPartner("IT1", ProjectRole.EXPERT),
            DemoPartner("PL1", ProjectRole.TEACHER),
            DemoPartner("PL2", ProjectRole.OBSERVER),
            DemoPartner("MT0", ProjectRole.TEACHER, DECLINED_INVITATION),
            DemoPartner("PT0", ProjectRole.TEACHER, INVITED),
        ),
    ),
    DemoProject(
        founder="TR1",
        cofounder="GR1",
        stage=ACTIVE,
        gallery=True,
        title="Göçmen kuşların izinde – Στα ίχνη των αποδημητικών πουλιών",
        summary=(
            "İzmir ve Selanik'teki öğrenciler iki şehrin sulak alanlarında göçmen kuşları gözlemliyor ve "
            "verilerini ortak bir haritada paylaşıyor. / Μαθητές από τη Σμύρνη και τη Θεσσαλονίκη παρατηρούν τα "
            "αποδημητικά πουλιά στους υγροτόπους των δύο πόλεων και μοιράζονται τα δεδομένα τους σε κοινό χάρτη."
        ),
        description=(
            "Flamingos, storks and pelicans cross the Aegean twice a year. Pupils visit the Gediz Delta near "
            "İzmir and the Axios Delta near Thessaloniki, count the birds with local ornithologists and enter "
            "their observations on a shared map. Between visits each pupil researches one species, writes its "
            "'passport' in Turkish, Greek and English and follows ringed birds online."
        ),
        aims=(
            "Observe and record nature scientifically; understand why wetlands matter; work with peers across "
            "the Aegean in English."
        ),
        work_process=(
            "Autumn: bird-watching training and the first counts. Winter: species passports and video calls. "
            "Spring: the second counts during the return migration and a joint online exhibition."
        ),
        expected_results=(
            "A shared observation map, thirty species passports in three languages and a photo exhibition shown "
            "in both schools."
        ),
        languages=("tr", "el", "en"),
        subjects=("biology", "environment", "geography"),
        ages=(12, 15),
        pupils=52,
        partners=(
            DemoPartner("TR2", ProjectRole.EXPERT),
            DemoPartner("BG1", ProjectRole.TEACHER),
            DemoPartner("GR2", ProjectRole.OBSERVER),
            DemoPartner("RO1", ProjectRole.TEACHER, INVITED),
        ),
    ),
    DemoProject(
        founder="DK1",
        cofounder="DK2",
        stage=AWAITING_APPROVAL,
        title="Fra jord til bord – skolehaver i Østjylland",
        summary=(
            "Elever i Vejle og Aarhus dyrker grøntsager i skolehaven, følger væksten med målinger og laver mad af "
            "høsten sammen."
        ),
        description=(
            "Klasserne anlægger hver et bed med de samme afgrøder og sammenligner jord, vanding og vækst. Eleverne "
            "fører logbog, måler og fotograferer hver uge og deler resultaterne i projektets rum. Til høsten mødes "
            "de to skoler til en fælles madlavningsdag."
        ),
        aims="Forstå hvor maden kommer fra; arbejde undersøgende med målinger; samarbejde på tværs af skoler.",
        work_process=(
            "Marts: planlægning og såning. April–juni: ugentlige målinger og logbog. August: høst og fælles "
            "madlavningsdag i Aarhus."
        ),
        expected_results=(
            "En fælles vækstlogbog, en opskriftssamling med høsten og en plakatudstilling på begge skoler."
        ),
        languages=("da",),
        subjects=("environment", "science", "health"),
        ages=(14, 17),
        pupils=40,
    ),
    DemoProject(
        founder="DE1",
        cofounder="otto",
        stage=AWAITING_APPROVAL,
        approved_by=("DE",),
        title="Grenzgeschichten – Grænsehistorier: 1920 bis heute",
        summary=(
            "Schülerinnen und Schüler aus Bochum und Hjørring erforschen, wie die deutsch-dänische Grenze von 1920 "
            "das Leben der Menschen verändert hat. / Elever fra Hjørring og Bochum undersøger, hvordan grænsen fra "
            "1920 ændrede menneskers liv."
        ),
        description=(
            "Pupils read letters, newspapers and photos from 1920, the year of the Schleswig plebiscite, interview "
            "people who live near the border today and compare the memories on both sides. Each class builds a "
            "timeline and a room of an online museum; the other class comments in German, Danish or English."
        ),
        aims=(
            "Work with historical sources; understand minorities and borders in Europe; tell history from more "
            "than one point of view."
        ),
        work_process=(
            "Term 1: sources and interviews. Term 2: timelines and the online museum. End of the year: a joint "
            "presentation on a video call with a historian."
        ),
        expected_results="An online museum with two rooms, a shared timeline and recorded interviews.",
        languages=("de", "da", "en"),
        subjects=("history", "citizenship"),
        ages=(13, 15),
        pupils=38,
    ),
    DemoProject(
        founder="DK0",
        cofounder="SE0",
        stage=AWAITING_APPROVAL,
        title="Nordiske eventyr – Nordiska sagor",
        summary=(
            "Børn i Hjørring og Umeå genfortæller eventyr fra deres land som tegneserier og oversætter hinandens. / "
            "Barn i Umeå och Hjørring återberättar sagor från sitt land som serier och översätter varandras."
        ),
        description=(
            "Danish and Swedish are close enough for young pupils to understand each other with a little help. "
            "Each class chooses three folk tales, retells them as comics and records them as audio. The partner "
            "class reads them, notes the words it did not understand and builds a Danish–Swedish picture dictionary."
        ),
        aims="Discover how close Danish and Swedish are; tell a story in pictures and words; enjoy reading.",
        work_process=(
            "September: choosing the tales. October–December: comics and recordings. January–February: reading "
            "the partner's tales and building the dictionary. March: a live reading over video."
        ),
        expected_results="Six comics with audio, a Danish–Swedish picture dictionary and a reading event.",
        languages=("da", "sv"),
        subjects=("mother_tongue", "art", "foreign_languages"),
        ages=(7, 10),
        pupils=44,
    ),
    DemoProject(
        founder="lucia",
        cofounder="PT2",
        stage=AWAITING_APPROVAL,
        returned_by="ES",
        reason=(
            "Please explain how you will protect the pupils' photos and names on the public river map, and say how "
            "many pupils take part in each school."
        ),
        fix=(
            "Photos of pupils are published only with their parents' written consent and never with names; the map "
            "shows the schools, not the pupils. 28 pupils take part in Sevilla and 24 in Porto."
        ),
        title="Ríos que nos unen – Rios que nos unem: Guadalquivir e Douro",
        summary=(
            "Alumnos de Sevilla y Oporto estudian la calidad del agua de sus ríos y comparan los resultados. / "
            "Alunos do Porto e de Sevilha estudam a qualidade da água dos seus rios e comparam os resultados."
        ),
        description=(
            "Each class samples its river at three points (upstream, in the city, near the mouth), measures pH, "
            "temperature, turbidity and nitrates and logs the data in a shared spreadsheet. Pupils interview "
            "fishermen, boatmen and river guards about how the river has changed and publish a bilingual river map."
        ),
        aims=(
            "Use scientific methods in the field; understand river ecosystems; practise Spanish, Portuguese and "
            "English."
        ),
        work_process=(
            "Autumn: sampling trips and data. Winter: interviews and analysis. Spring: the bilingual river map and "
            "a joint online presentation."
        ),
        expected_results="A shared data set, a bilingual river map and a short documentary.",
        languages=("es", "pt", "en"),
        subjects=("science", "environment", "chemistry"),
        ages=(15, 18),
        pupils=52,
    ),
    DemoProject(
        founder="ES0",
        cofounder="ES1",
        stage=AWAITING_APPROVAL,
        title="Leyendas de nuestros barrios",
        summary="Alumnos de Valencia y Granada recogen las leyendas de sus barrios y las convierten en un mapa sonoro.",
        description=(
            "Los alumnos preguntan a sus familias y vecinos por las leyendas de su barrio, las graban, las ilustran "
            "y las sitúan en un mapa interactivo. Cada clase escucha las leyendas de la otra ciudad y prepara "
            "preguntas para una videollamada con los narradores."
        ),
        aims="Valorar el patrimonio oral; mejorar la expresión oral y escrita; conocer otra ciudad de España.",
        work_process=(
            "Primer trimestre: entrevistas y grabaciones. Segundo trimestre: ilustraciones y mapa. Tercer "
            "trimestre: videollamada y presentación a las familias."
        ),
        expected_results="Un mapa sonoro con veinte leyendas ilustradas por los alumnos.",
        languages=("es",),
        subjects=("mother_tongue", "history", "ict"),
        ages=(10, 13),
        pupils=50,
    ),
    DemoProject(
        founder="ES2",
        cofounder="FR2",
        stage=AWAITING_APPROVAL,
        approved_by=("FR",),
        title="L'Europe en 2040 – Europa en 2040: débats citoyens",
        summary=(
            "Des lycéens de Toulouse et de Valladolid préparent et mènent des débats en ligne sur l'avenir de "
            "l'Europe. / Estudiantes de Valladolid y Toulouse preparan y celebran debates en línea sobre el futuro "
            "de Europa."
        ),
        description=(
            "Mixed teams of French and Spanish students prepare four debates on Europe in 2040: climate, work, "
            "languages and democracy. They research, write their arguments in French and Spanish and debate on "
            "video before a jury of teachers. Each debate ends with a joint 'letter to 2040'."
        ),
        aims=(
            "Argue with evidence; listen to other views; use French and Spanish in real discussions; understand "
            "European citizenship."
        ),
        work_process="One debate every six weeks: research in mixed teams, rehearsal, live debate, reflection.",
        expected_results="Four recorded debates, four letters to 2040 and a guide to debating across languages.",
        languages=("fr", "es"),
        subjects=("citizenship", "foreign_languages", "philosophy"),
        ages=(16, 18),
        pupils=36,
    ),
    DemoProject(
        founder="mette",
        cofounder="FI0",
        stage=DRAFT,
        title="Matematik i skolegården – Maths trails in the schoolyard",
        summary=(
            "Vi laver matematikløb i skolegården og bytter opgaver med en finsk klasse. / We design maths trails in "
            "our schoolyards and swap them with a Finnish class."
        ),
        description=(
            "Pupils find maths in their schoolyard (the angles of the climbing frame, the area of the football "
            "pitch, patterns in the paving) and write trail cards with QR codes for the partner class."
        ),
        aims="",  # Mette is still writing: the project page lists what is missing
        work_process="",
        expected_results="",
        languages=("da", "fi", "en"),
        subjects=("mathematics", "physical_education"),
        ages=(9, 11),
        pupils=24,
    ),
    DemoProject(
        founder="DE0",
        cofounder="mette",
        stage=AWAITING_COFOUNDER,
        title="Wetterfrösche – Vejrfrøer: unsere Schulwetterstationen",
        summary=(
            "Zwei Grundschulklassen in Leipzig und Hjørring bauen Wetterstationen, messen einen Winter lang und "
            "vergleichen das Wetter. / To klasser i Leipzig og Hjørring bygger vejrstationer og sammenligner vejret "
            "en hel vinter."
        ),
        description=(
            "Pupils build simple weather stations (rain gauge, thermometer, wind vane), take readings every school "
            "day and enter them in a shared table. Every Friday one class presents 'the weather of the week' on "
            "video to the other, in English with a few German and Danish words."
        ),
        aims=(
            "Measure carefully and draw charts; understand the difference between weather and climate; speak "
            "English with real partners."
        ),
        work_process=(
            "November: building the stations. December–March: daily readings and weekly weather reports. April: "
            "comparing the two winters and a joint climate poster."
        ),
        expected_results=(
            "A shared weather data set, sixteen video weather reports and a climate poster in three languages."
        ),
        languages=("de", "da", "en"),
        subjects=("science", "mathematics", "geography"),
        ages=(8, 10),
        pupils=47,
    ),
    DemoProject(
        founder="mette",
        cofounder="NO0",
        stage=CLOSED,
        gallery=True,
        title="Nordlys over skolen – Northern lights over our schools",
        summary=(
            "Elever i Hjørring og Tromsø fotograferede nordlyset, lærte om solvind og skrev digte om vintermørket. "
            "/ Pupils in Hjørring and Tromsø photographed the aurora, learned about the solar wind and wrote poems "
            "about the winter dark."
        ),
        description=(
            "During one winter both classes followed the aurora forecasts, photographed the sky (Tromsø often, "
            "Hjørring twice) and found out why the lights appear. They wrote short poems in Danish and Norwegian "
            "about the dark months and read them to each other; an Icelandic class joined for the last month."
        ),
        aims="Understand the sun and the magnetic field of the Earth; observe and photograph; write poetry.",
        work_process=(
            "October: forecasts and camera settings. November–February: observation nights and a shared photo "
            "album. March: poems and a reading over video."
        ),
        expected_results=(
            "A photo calendar, a collection of poems in Danish and Norwegian and a short video explaining the aurora."
        ),
        languages=("da", "no", "en"),
        subjects=("physics", "mother_tongue", "art"),
        ages=(9, 11),
        pupils=45,
        partners=(DemoPartner("IS0", ProjectRole.TEACHER),),
    ),
    DemoProject(
        founder="SE1",
        cofounder="FI1",
        stage=REOPENED,
        gallery=True,
        title="Kod utan gränser – Koodia ilman rajoja",
        summary=(
            "Högstadieelever i Linköping och Oulu programmerar tillsammans ett spel om Östersjön. / Linköpingin ja "
            "Oulun yläkoululaiset ohjelmoivat yhdessä pelin Itämerestä."
        ),
        description=(
            "Mixed Swedish–Finnish teams design and program a browser game about the animals of the Baltic Sea and "
            "what threatens them. They pair-program over video calls, review each other's code and test the game "
            "with younger pupils. The project was closed after the first version and reopened to add a level about "
            "microplastics."
        ),
        aims="Program in teams with version control; give and receive code reviews; learn about the Baltic Sea.",
        work_process=(
            "Autumn: game design and the first levels. Winter: code reviews and testing with younger pupils. "
            "Spring (reopened): the microplastics level."
        ),
        expected_results=(
            "A playable browser game in Swedish, Finnish and English, and a short guide to pair programming."
        ),
        languages=("sv", "fi", "en"),
        subjects=("ict", "environment", "mathematics"),
        ages=(13, 15),
        pupils=40,
        partners=(DemoPartner("EE1", ProjectRole.EXPERT),),
    ),
    DemoProject(
        founder="CZ2",
        cofounder="SK2",
        stage=ARCHIVED,
        gallery=True,
        title="Hrady a legendy pod Ještědem a Šarišem",
        summary=(
            "Studenti z Liberce a Prešova zmapovali hrady svého kraje a pověsti, které se k nim vážou. / Študenti z "
            "Prešova a Liberca zmapovali hrady svojho kraja a povesti, ktoré sa k nim viažu."
        ),
        description=(
            "Each class visited four castles of its region, photographed them, collected the legends told about "
            "them and drew a 3D model of one. Czech and Slovak are close: pupils read the partner's legends in the "
            "original and wrote a short glossary of the words that differ."
        ),
        aims="Explore local history and folklore; read a neighbouring language; present to a real audience.",
        work_process=(
            "Autumn: castle visits. Winter: legends and models. Spring: an online exhibition and a video call."
        ),
        expected_results="An online exhibition of eight castles, eight legends and a Czech–Slovak glossary.",
        languages=("cs", "sk"),
        subjects=("history", "geography", "mother_tongue"),
        ages=(15, 18),
        pupils=34,
        partners=(DemoPartner("SK1", ProjectRole.TEACHER, LEFT),),
    ),
    DemoProject(
        founder="FR0",
        cofounder="IE0",
        stage=DECLINED,
        reason=(
            "Our school year is already full with the Irish-language festival. Could we start together in September?"
        ),
        title="Contes celtes – Scéalta Ceilteacha : de Nantes à Galway",
        summary=(
            "Deux classes de Nantes et de Galway découvrent les contes celtes de Bretagne et d'Irlande. / Two classes "
            "in Nantes and Galway discover the Celtic tales of Brittany and Ireland."
        ),
        description=(
            "Pupils read and act out Breton and Irish tales (the town of Ys, the children of Lir), illustrate them "
            "and record short plays in French, Irish and English for the partner class."
        ),
        aims="Discover a shared Celtic heritage; perform a story; hear and use three languages.",
        work_process="Term 1: reading the tales. Term 2: rehearsing and recording the plays. Term 3: a video premiere.",
        expected_results="Six recorded plays and an illustrated booklet of Celtic tales.",
        languages=("fr", "ga", "en"),
        subjects=("mother_tongue", "drama", "history"),
        ages=(8, 11),
        pupils=50,
    ),
    DemoProject(
        founder="HR0",
        cofounder="SI0",
        stage=RETURNED,
        returned_by="SI",
        reason=(
            "The project ends before the exhibition you plan for June. Please adjust the dates and describe what the "
            "pupils themselves do in each phase."
        ),
        title="Priče s Jadrana – Zgodbe z Jadrana",
        summary=(
            "Učenici iz Zadra i Ljubljane istražuju ribarske priče i pjesme jadranske obale. / Učenci iz Ljubljane "
            "in Zadra raziskujejo ribiške zgodbe in pesmi jadranske obale."
        ),
        description=(
            "Pupils collect fishermen's songs and stories from the Adriatic coast, learn two of them in the partner's "
            "language and prepare an exhibition of drawings and recordings."
        ),
        aims="Value the heritage of the coast; sing and speak in Croatian and Slovenian; work together online.",
        work_process="Autumn: collecting stories. Winter: learning the songs. Spring: preparing the exhibition.",
        expected_results="A bilingual songbook with recordings and an exhibition in both schools.",
        languages=("hr", "sl", "en"),
        subjects=("music", "mother_tongue", "geography"),
        ages=(8, 11),
        pupils=41,
    ),
    DemoProject(
        founder="NL1",
        cofounder="BE0",
        stage=ACTIVE,
        gallery=True,
        title="Leven met water – Rotterdam en Gent",
        summary=(
            "Leerlingen uit Rotterdam en Gent onderzoeken hoe hun steden zich beschermen tegen hoog water en "
            "ontwerpen samen een waterplein."
        ),
        description=(
            "De klassen bezoeken dijken, sluizen en waterpleinen in hun stad, interviewen ingenieurs van het "
            "waterschap en bouwen maquettes. In gemengde teams ontwerpen ze een waterplein voor het schoolplein van "
            "de partnerschool."
        ),
        aims="Begrijpen hoe steden met water leven; ontwerpen en bouwen; samenwerken over de grens.",
        work_process=(
            "Herfst: excursies en interviews. Winter: maquettes en ontwerpen in gemengde teams. Lente: presentatie "
            "aan de gemeente en de ouders."
        ),
        expected_results="Twee ontwerpen voor een waterplein, maquettes en een korte film.",
        languages=("nl", "en"),
        subjects=("geography", "technology", "environment"),
        ages=(11, 14),
        pupils=48,
        partners=(
            DemoPartner("DE2", ProjectRole.TEACHER, later_role=ProjectRole.EXPERT),
            DemoPartner("LU1", ProjectRole.TEACHER),
            DemoPartner("otto", ProjectRole.OBSERVER, INVITED),
        ),
    ),
    DemoProject(
        founder="IE1",
        cofounder="IE2",
        stage=ACTIVE,
        title="Voices of the coast – Glórtha an chósta",
        summary=(
            "Pupils in Limerick and Cork record the stories of people who live and work by the Shannon estuary and "
            "Cork Harbour and turn them into a podcast series."
        ),
        description=(
            "Students interview fishers, ferry crews, lifeboat volunteers and harbour workers, edit the interviews "
            "into short episodes and write the show notes in English and Irish."
        ),
        aims="Listen to the community; interview and edit audio; write for an audience in English and Irish.",
        work_process=(
            "Term 1: interview training and recordings. Term 2: editing. Term 3: publishing and a listening night."
        ),
        expected_results="A podcast series of ten episodes with bilingual show notes.",
        languages=("en", "ga"),
        subjects=("history", "mother_tongue", "ict"),
        ages=(13, 17),
        pupils=44,
    ),
    DemoProject(
        founder="UA1",
        cofounder="LT1",
        stage=ACTIVE,
        gallery=True,
        title="Пісні наших бабусь – Mūsų močiučių dainos",
        summary=(
            "Учні з Полтави та Каунаса збирають народні пісні своїх родин і разом записують спільний альбом. / "
            "Mokiniai iš Kauno ir Poltavos renka savo šeimų liaudies dainas ir kartu įrašo bendrą albumą."
        ),
        description=(
            "Pupils record the songs their grandparents sing, find out where they come from and what they tell, and "
            "learn one song of the partner class. Teachers of music help arrange them for the school choir."
        ),
        aims="Keep family songs alive; learn about the partner's culture through music; sing in a new language.",
        work_process=(
            "Autumn: recording at home. Winter: arranging and rehearsing. Spring: the album and an online concert."
        ),
        expected_results="An album of twelve songs with the lyrics in Ukrainian, Lithuanian and English.",
        languages=("uk", "lt", "en"),
        subjects=("music", "history", "foreign_languages"),
        ages=(12, 15),
        pupils=38,
        partners=(DemoPartner("LV1", ProjectRole.TEACHER),),
    ),
    DemoProject(
        founder="AT0",
        cofounder="HU0",
        stage=CLOSED,
        title="Spiele aus dem Pausenhof – Játékok az iskolaudvarról",
        summary=(
            "Volksschulkinder aus Graz und Debrecen tauschen ihre liebsten Pausenspiele aus, erklären sie in Videos "
            "und spielen sie nach. / Grazi és debreceni kisiskolások bemutatják egymásnak kedvenc udvari játékaikat."
        ),
        description=(
            "Each class filmed its five favourite playground games with the rules explained in simple German or "
            "Hungarian and English. The partner class tried them out, filmed its own version and voted for the best."
        ),
        aims="Move and play; explain rules clearly; learn first words of German and Hungarian.",
        work_process=(
            "Autumn: filming the games. Winter: playing the partner's games. Spring: the vote and a video call."
        ),
        expected_results="A video book of ten playground games and a poster for both schoolyards.",
        languages=("de", "hu", "en"),
        subjects=("physical_education", "foreign_languages"),
        ages=(7, 10),
        pupils=42,
    ),
    DemoProject(
        founder="IT2",
        cofounder="FR1",
        stage=AWAITING_COFOUNDER,
        title="Le Alpi senza confini – Les Alpes sans frontières",
        summary=(
            "Studenti di Torino e Lione studiano i ghiacciai alpini e come il clima li sta cambiando. / Des élèves de "
            "Lyon et de Turin étudient les glaciers alpins et leur recul."
        ),
        description=(
            "Students compare old photographs and maps of glaciers on both sides of the Alps with today's, calculate "
            "how fast they shrink and meet glaciologists online. A joint field trip to the Mont Blanc massif closes "
            "the year."
        ),
        aims="Read maps and data; understand climate change in the mountains; work in Italian, French and English.",
        work_process=(
            "Autumn: archives and data. Winter: calculations and interviews. Spring: the field trip and report."
        ),
        expected_results="A bilingual atlas of ten glaciers then and now, and a report for the local press.",
        languages=("it", "fr", "en"),
        subjects=("geography", "science", "environment"),
        ages=(14, 16),
        pupils=55,
    ),
)
