"""The privacy reglement for employees (issue 17, O8), per version
(kwportal/domain/legal_texts.py, ``Document.REGLEMENT``). Version 1 is the seed's text of
7 February 2023: its introduction ("Verwerker", "Onze gegevens", "Inleiding"), chapter 1
("Privacyreglement Arbozorg") and chapter 3 ("algemene bepalingen, beveiligingsmaatregelen
en contactpersoon"); chapter 2 is the visitors' privacy statement (parts/legal.py). Only
obvious typos are fixed. The English is a translation of the same text.

In a body, paragraphs are separated by a blank line; lines starting with ``- `` are the
items of a list (the page shows them as one)."""

from __future__ import annotations

_V1 = "legal.reglement.1"

NL: dict[str, str] = {
    # --- the page ---
    "reglement.title": "Privacyreglement KrachtWerkt",
    "reglement.lead": (
        "Dit privacyreglement legt uit welke persoonsgegevens KrachtWerkt als arbodienst "
        "van werknemers van haar klanten verwerkt, waarvoor, en hoe wij ermee omgaan."
    ),
    "reglement.chapter.care": "Hoofdstuk 1: Privacyreglement Arbozorg",
    "reglement.chapter.web": "Hoofdstuk 2: Privacyreglement Websitebezoekers",
    "reglement.chapter.web_body": (
        "Dit hoofdstuk is onze privacyverklaring voor websitebezoekers, met het cookiebeleid."
    ),
    "reglement.chapter.general": (
        "Hoofdstuk 3: Algemene bepalingen, beveiligingsmaatregelen en contactpersoon"
    ),
    "reglement.portal.title": "Hoe dit portaal dit uitvoert",
    "reglement.portal.body": (
        "Als werknemer vindt u in dit portaal onder Mijn rechten de rechten A tot en met E en "
        "een formulier om een verzoek in te dienen. U krijgt uiterlijk binnen vier weken "
        "antwoord; die termijn verlengen wij niet.\n\nIn het portaal ziet u ook wie uw "
        "dossier heeft geopend, welke gegevens met uw werkgever zijn gedeeld en hoe lang wij "
        "uw gegevens bewaren, en u kunt uw gegevens downloaden."
    ),
    "reglement.portal.link": "Naar Mijn rechten",
    "reglement.read": "Lees het privacyreglement",
    "public.nav.reglement": "Privacyreglement werknemers",
    "public.meta.reglement": (
        "Het privacyreglement van KrachtWerkt: welke gegevens wij als arbodienst van "
        "werknemers verwerken, waarvoor, hoe wij ze beveiligen en wat uw rechten zijn."
    ),
    # --- version 1: introduction ---
    f"{_V1}.intro.processor.title": "Verwerker",
    f"{_V1}.intro.processor.body": (
        "KrachtWerkt BV, kantoorhoudende te (7573 AA) Oldenzaal aan de Beatrixstraat 2 "
        "(KVK-nummer: 75231689), hierna te noemen: “KrachtWerkt”. KrachtWerkt is verwerker "
        "van uw persoonsgegevens in de zin van de AVG en de Wet bescherming "
        "persoonsgegevens."
    ),
    f"{_V1}.intro.contact.title": "Onze gegevens",
    f"{_V1}.intro.contact.body": (
        "KrachtWerkt, Beatrixstraat 2, 7573 AA Oldenzaal. Telefoon: 088 501 43 02. "
        "E-mail: info@kracht-werkt.nl."
    ),
    f"{_V1}.intro.introduction.title": "Inleiding",
    f"{_V1}.intro.introduction.body": (
        "Op dit moment leest u het privacyreglement van KrachtWerkt. Het privacyreglement "
        "legt duidelijk en transparant uit, en geeft inzicht in de volgende punten:\n"
        "- Welke persoonsgegevens wij verwerken\n"
        "- De doeleinden waarvoor wij deze gegevens verwerken\n"
        "- De wijze waarop we met deze persoonsgegevens omgaan"
        "\n\nHet verwerken van persoonsgegevens houdt in dat wij deze gegevens verzamelen, "
        "opslaan, vastleggen, wijzigen, raadplegen of vernietigen."
        "\n\nKrachtWerkt is een unieke regionale gecertificeerde arbodienst. KrachtWerkt "
        "verricht haar dienstverlening volgens haar unieke ziens- en werkwijze met als doel: "
        "een duurzame, gezonde & veilige organisatie waarbinnen medewerkers (werk)geluk "
        "ervaren. In dit kader bieden wij diverse diensten en producten aan op het gebied van "
        "onder andere verzuim(begeleiding), re-integratie & preventie. In onze "
        "(arbo)dienstverlening streven wij altijd naar een onpartijdige oordeelsvorming."
        "\n\nMet de persoonsgegevens die wij verwerken gaan wij te allen tijde zorgvuldig om, "
        "met inachtneming van de toepasselijke wet- en regelgeving zoals de Algemene "
        "Verordening Gegevensbescherming (verder: AVG). In dit privacyreglement worden de "
        "volgende punten begrijpelijk uiteengezet en uitgelegd:\n"
        "- Hoe en voor welke doeleinden wij uw persoonsgegevens verwerken\n"
        "- Op basis van welke grondslagen in de AVG wij uw persoonsgegevens verwerken\n"
        "- Hoe wij passende beveiligingsmaatregelen treffen om uw persoonsgegevens te "
        "beschermen\n"
        "- Uitleg over uw rechten met betrekking tot het verwerken van uw persoonsgegevens"
        "\n\nOns privacyreglement is opgebouwd uit de onderstaande 3 verschillende "
        "hoofdstukken. Wij raden u aan het gehele privacyreglement door te nemen. Bij "
        "eventuele vragen kunt u te allen tijde contact opnemen met KrachtWerkt door het "
        "contactformulier op de website in te vullen of telefonisch contact op te nemen met "
        "088-5014302."
    ),
    # --- version 1: chapter 1, Arbozorg ---
    f"{_V1}.care.data.title": "Welke persoonsgegevens worden er verwerkt?",
    f"{_V1}.care.data.body": (
        "Als gecertificeerde arbodienst verwerkt KrachtWerkt als zorgaanbieder de volgende "
        "(bijzondere) persoonsgegevens van (verzuimende) werknemers van haar arboklanten."
        "\n\nPersoonsgegevens:\n"
        "- NAW-gegevens;\n"
        "- E-mailadres;\n"
        "- Telefoonnummer;\n"
        "- Geboortedatum;\n"
        "- Geslacht;\n"
        "- Verpleegadres van de zieke werknemer;\n"
        "- Personeelsnummer/werknemer-ID;\n"
        "- Informatie over het dienstverband."
        "\n\nBijzondere persoonsgegevens: gezondheidsgegevens die aan bod komen bij de "
        "arbozorg, zoals:\n"
        "- datum ziekmelding;\n"
        "- datum herstelmelding;\n"
        "- ingeschatte verzuimduur;\n"
        "- of er sprake is van een vangnetbepaling van de Ziektewet;\n"
        "- of de werknemer valt onder de Wet Werk en Inkomen naar Arbeidsvermogen;\n"
        "- of een zieke werknemer betrokken is geweest bij een verkeersongeval;\n"
        "- gezondheidsgegevens die zijn verzameld middels vragenlijsten in het kader van "
        "(preventieve) zorgverlening."
        "\n\nMedische gegevens (de onderstaande (medische) gegevens worden verwerkt voor de "
        "beoordeling van de arbeidsongeschiktheid, de verzuimbegeleiding en re-integratie):\n"
        "- de aard en oorzaak van de ziekte;\n"
        "- de voortgang van de behandeling;\n"
        "- gegevens die nodig zijn voor het kunnen verlenen van preventieve zorg."
    ),
    f"{_V1}.care.purposes.title": "Doeleinden voor de gegevensverwerking",
    f"{_V1}.care.purposes.body": (
        "KrachtWerkt verwerkt deze (bijzondere) persoonsgegevens omdat zij hiertoe wettelijk "
        "verplicht is gesteld op grond van de Arbeidsomstandighedenwet & de Wet op de "
        "geneeskundige behandelingsovereenkomst. Als zorgaanbieder ondersteunt KrachtWerkt "
        "haar klanten (werkgeversorganisaties) bij arbeidsomstandigheden, "
        "verzuimbegeleiding, re-integratie, wenselijke interventies, preventie, "
        "gezondheidsonderzoeken & keuringen. KrachtWerkt gebruikt deze gegevens om maatwerk "
        "te leveren op het gebied van deze ondersteuning bij verzuimbegeleiding en de "
        "overige preventietaken. Hierbij gaan wij te allen tijde zorgvuldig om met deze "
        "gegevens. De gegevens worden bovendien alleen gebruikt voor het doel waarvoor ze "
        "zijn bestemd en worden niet aan derden ter beschikking gesteld."
    ),
    f"{_V1}.care.grounds.title": "Grondslagen voor de gegevensverwerking",
    f"{_V1}.care.grounds.body": (
        "1. Wettelijke plicht: in eerste instantie verwerkt KrachtWerkt als zorgaanbieder "
        "persoonsgegevens van werknemers van arboklanten, omdat wij hiertoe wettelijk "
        "verplicht zijn op grond van onder andere de Arbeidsomstandighedenwet en de Wet op de "
        "geneeskundige behandelingsovereenkomst. Opmerking verdient dat alleen noodzakelijke "
        "persoonsgegevens worden verwerkt van werknemers waarop de zorgverlening start. "
        "Indien er geen zorg wordt verleend, krijgt KrachtWerkt dus geen beschikking over "
        "persoonsgegevens van werknemers."
        "\n\n2. Uitvoeren overeenkomst: ten tweede kunnen wij persoonsgegevens verwerken op "
        "basis van de arbozorg en de daaraan ten grondslag liggende "
        "dienstverleningsovereenkomst. Om deze arbozorg effectief te kunnen verlenen is het "
        "verwerken van persoonsgegevens noodzakelijk. Het doel van de arbozorg is te allen "
        "tijde een duurzame, gezonde & veilige organisatie waarbinnen medewerkers "
        "(werk)geluk ervaren."
        "\n\n3. Toestemming: ten derde kunnen wij persoonsgegevens verwerken nadat een "
        "werknemer KrachtWerkt daarvoor uitdrukkelijk (schriftelijk) toestemming heeft "
        "gegeven."
    ),
    f"{_V1}.care.access.title": "Wie heeft toegang tot de persoonsgegevens?",
    f"{_V1}.care.access.body": (
        "Alleen medewerkers die vanwege hun werkzaamheden toegang moeten hebben tot "
        "persoonsgegevens hebben die toegang. Autorisatie gebeurt op basis van functienamen. "
        "Medische gegevens die vallen onder het beroepsgeheim zijn alleen toegankelijk voor "
        "de bedrijfsarts en leden van zijn behandelteam."
    ),
    f"{_V1}.care.sharing.title": "Welke persoonsgegevens kunnen aan derden worden verstrekt?",
    f"{_V1}.care.sharing.body": (
        "Aan werkgever: aan werkgevers worden slechts de volgende (persoons)gegevens "
        "verstrekt:\n"
        "- de werkzaamheden waartoe een werknemer niet meer of nog wel in staat is;\n"
        "- de verwachte verzuimperiode;\n"
        "- de mate waarin de werknemer arbeidsongeschikt is;\n"
        "- adviezen over aanpassingen, werkvoorzieningen, interventies inzake de "
        "re-integratie."
        "\n\nDe werknemer wordt altijd op de hoogte gebracht van de inhoud van de informatie "
        "die KrachtWerkt aan de werkgever verstrekt. Alle overige gegevens die worden "
        "verwerkt vallen onder het medisch beroepsgeheim van de bedrijfsarts en worden niet "
        "(zonder uitdrukkelijke toestemming van de werknemer) aan de werkgever verstrekt."
        "\n\nEventuele rapportages die KrachtWerkt aan de werkgever verstrekt (bijvoorbeeld "
        "bij het uitvoeren van PMO's) bevatten alleen geanonimiseerde informatie en dus geen "
        "persoonsgegevens die herleidbaar zijn tot een individuele werknemer."
    ),
    f"{_V1}.care.retention.title": "Bewaartermijn",
    f"{_V1}.care.retention.body": (
        "KrachtWerkt bewaart de persoonsgegevens niet langer dan noodzakelijk is om de doelen "
        "te realiseren waarvoor de gegevens worden verzameld, tenzij er een wettelijk langere "
        "bewaartermijn geldt op de persoonsgegevens op basis van een geldende wettelijke "
        "grondslag en deze persoonsgegevens ten behoeve van een nieuw doel langer verwerkt "
        "mogen worden."
        "\n\nPersoonsgegevens die wij verwerken op grond van de Wet op de geneeskundige "
        "behandelingsovereenkomst bewaren wij tot 20 jaar na beëindiging van uw dienstverband "
        "bij uw werkgever of na beëindiging van de overeenkomst tussen uw werkgever en "
        "KrachtWerkt. In sommige gevallen moeten uw persoonsgegevens langer of korter worden "
        "bewaard. KrachtWerkt houdt zich hierbij altijd aan de algemene richtlijnen voor het "
        "bewaren en verwijderen van medische gegevens op basis van KNMG-richtlijnen."
        "\n\nDe richtlijnen van de KNMG hebben de volgende uitgangspunten bij het bewaren en "
        "verwijderen van medische gegevens: gedurende een periode van 20 jaar nadat:\n"
        "- de werknemer uit dienst is getreden bij de werkgever;\n"
        "- de dienstverleningsovereenkomst tussen KrachtWerkt en de werkgever is geëindigd;\n"
        "- de werknemer overlijdt."
        "\n\nMocht er sprake zijn van blootstelling aan gevaarlijke stoffen, dan bewaart "
        "KrachtWerkt de persoonsgegevens op grond van specifieke wet- en regelgeving 40 jaar "
        "nadat de werknemer uit dienst is getreden, of nadat de dienstverleningsovereenkomst "
        "met de werkgever is geëindigd, of nadat de werknemer is overleden, of nadat de "
        "laatste mutatie in het dossier is gedaan. In bijzondere omstandigheden, zoals "
        "blootstelling aan ioniserende straling conform het Besluit stralingshygiëne "
        "(artikel 100), worden de persoonsgegevens bewaard tot de werknemer de leeftijd van "
        "75 jaar heeft bereikt of zou hebben bereikt."
        "\n\nBij een eventueel verzoek om persoonsgegevens over te dragen aan een nieuwe "
        "bedrijfsarts of arbodienst, dragen wij persoonsgegevens die verband houden met "
        "lopende ziektegevallen over aan de nieuwe bedrijfsarts of arbodienst, waarna "
        "KrachtWerkt deze gegevens niet meer zal bewaren."
        "\n\nMocht KrachtWerkt wettelijk verplicht zijn om persoonsgegevens langer te "
        "bewaren, dan zal zij dat doen. Daarnaast kunnen wij met uitdrukkelijke toestemming "
        "van werknemers de persoonsgegevens gedurende een langere periode bewaren."
    ),
    # --- version 1: chapter 3, general provisions, security and contact ---
    f"{_V1}.general.security.title": (
        "Hoe worden de persoonsgegevens opgeslagen en hoe is de (elektronische) beveiliging "
        "van KrachtWerkt geregeld?"
    ),
    f"{_V1}.general.security.body": (
        "- KrachtWerkt slaat de persoonsgegevens van websitebezoekers op en verwerkt deze in "
        "het beveiligde MS Office 365-cloudpakket. We maken binnen onze organisatie gebruik "
        "van de Exchange-e-mailservices van Microsoft Office 365 Professional.\n"
        "- Daarnaast maakt KrachtWerkt gebruik van de software van Simplicate en Compucase "
        "voor het opslaan en verwerken van persoonsgegevens. De veiligheid en betrouwbaarheid "
        "van deze software wordt door voornoemde partijen op gedegen wijze gewaarborgd. "
        "Daarnaast zijn deze partijen middels een verwerkersovereenkomst met KrachtWerkt "
        "gebonden aan het veilig opslaan van de gegevens.\n"
        "- KrachtWerkt treft alle passende technische en organisatorische maatregelen om "
        "persoonsgegevens te beveiligen tegen verlies en tegen enige vorm van onrechtmatige "
        "verwerking. Deze maatregelen garanderen, rekening houdend met de stand van de "
        "techniek en de uitvoeringskosten, een passend beveiligingsniveau gelet op de "
        "risico's van de verwerking en de aard, omvang en context van de te beschermen "
        "persoonsgegevens.\n"
        "- Om de veiligheid van uw persoonsgegevens goed te kunnen waarborgen, is KrachtWerkt "
        "ISO 9001-gecertificeerd en werken wij conform ISO 27001.\n"
        "- U mag erop vertrouwen dat als er ondanks de getroffen beveiligingsmaatregelen toch "
        "een beveiligingsincident plaatsvindt, wij maatregelen zullen treffen om de gevolgen "
        "voor uw privacy zoveel mogelijk te beperken."
    ),
    f"{_V1}.general.rights.title": "Wat zijn uw rechten?",
    f"{_V1}.general.rights.body": (
        "- A: U heeft recht om de opgeslagen persoonsgegevens in te zien. Op uw verzoek "
        "worden de gegevens met u gedeeld.\n"
        "- B: U heeft het recht op rectificatie. Op uw verzoek worden de gegevens aangepast "
        "indien deze door KrachtWerkt onjuist of fout zijn verwerkt.\n"
        "- C: U heeft het recht op het indienen van een klacht. U kunt een klacht over het "
        "opslaan of verwerken van persoonsgegevens indienen bij de Autoriteit "
        "Persoonsgegevens.\n"
        "- D: U heeft het recht op overdracht. Zodra u over wilt stappen op een andere partij "
        "die soortgelijke diensten aanbiedt, kunt u verzoeken om uw persoonsgegevens over te "
        "dragen aan de nieuwe partij.\n"
        "- E: U heeft recht op het stoppen van het gebruiken van de gegevens. Zodra u niet "
        "meer wilt dat de persoonsgegevens bij KrachtWerkt worden gebruikt, kunt u aan "
        "KrachtWerkt verzoeken om het gebruik van die persoonsgegevens te stoppen."
        "\n\nBovengenoemde punten gelden voor zover de wettelijke regels dit toelaten."
    ),
    f"{_V1}.general.questions.title": "Heeft u vragen, verzoeken of klachten?",
    f"{_V1}.general.questions.body": (
        "U kunt ten aanzien van de onderwerpen in deze privacyverklaring altijd een vraag, "
        "verzoek of klacht sturen naar info@kracht-werkt.nl. We reageren zo snel mogelijk, "
        "maar uiterlijk binnen vier weken, op uw mail."
    ),
    f"{_V1}.general.closing.title": "Tot slot",
    f"{_V1}.general.closing.body": (
        "We kunnen deze privacyverklaring op elk moment bijwerken en wij adviseren dan ook om "
        "regelmatig te controleren of er updates zijn. We maken u niet op iedere verandering "
        "attent en raden daarom aan om regelmatig onze website te bezoeken en deze "
        "privacyverklaring door te nemen."
    ),
}

EN: dict[str, str] = {
    # --- the page ---
    "reglement.title": "KrachtWerkt privacy regulations",
    "reglement.lead": (
        "These privacy regulations explain which personal data KrachtWerkt, as an "
        "occupational health service, processes about the employees of its clients, for "
        "what purposes, and how we handle them."
    ),
    "reglement.chapter.care": "Chapter 1: Privacy regulations for occupational health care",
    "reglement.chapter.web": "Chapter 2: Privacy regulations for website visitors",
    "reglement.chapter.web_body": (
        "This chapter is our privacy statement for website visitors, with the cookie policy."
    ),
    "reglement.chapter.general": (
        "Chapter 3: General provisions, security measures and contact person"
    ),
    "reglement.portal.title": "How this portal puts this into practice",
    "reglement.portal.body": (
        "As an employee, you find rights A to E under My rights in this portal, with a form "
        "to make a request. You get an answer within four weeks at the latest; we do not "
        "extend that term.\n\nIn the portal you can also see who opened your file, which "
        "data were shared with your employer and how long we keep your data, and you can "
        "download your data."
    ),
    "reglement.portal.link": "Go to My rights",
    "reglement.read": "Read the privacy regulations",
    "public.nav.reglement": "Privacy regulations for employees",
    "public.meta.reglement": (
        "KrachtWerkt's privacy regulations: which data we process about employees as an "
        "occupational health service, for what purposes, how we protect them and what your "
        "rights are."
    ),
    # --- version 1: introduction ---
    f"{_V1}.intro.processor.title": "Processor",
    f"{_V1}.intro.processor.body": (
        "KrachtWerkt BV, with its office at Beatrixstraat 2, (7573 AA) Oldenzaal (Chamber of "
        "Commerce number: 75231689), hereinafter: “KrachtWerkt”. KrachtWerkt is a processor "
        "of your personal data within the meaning of the GDPR and the Dutch Personal Data "
        "Protection Act (Wet bescherming persoonsgegevens)."
    ),
    f"{_V1}.intro.contact.title": "Our details",
    f"{_V1}.intro.contact.body": (
        "KrachtWerkt, Beatrixstraat 2, 7573 AA Oldenzaal, the Netherlands. Phone: "
        "+31 88 501 43 02. E-mail: info@kracht-werkt.nl."
    ),
    f"{_V1}.intro.introduction.title": "Introduction",
    f"{_V1}.intro.introduction.body": (
        "You are reading KrachtWerkt's privacy regulations. The privacy regulations explain "
        "clearly and transparently, and give insight into, the following points:\n"
        "- Which personal data we process\n"
        "- The purposes for which we process these data\n"
        "- How we handle these personal data"
        "\n\nProcessing personal data means that we collect, store, record, change, consult "
        "or destroy these data."
        "\n\nKrachtWerkt is a unique, regional, certified occupational health service. "
        "KrachtWerkt provides its services according to its unique vision and way of "
        "working, with this aim: a sustainable, healthy & safe organisation in which "
        "employees experience happiness (at work). To this end we offer various services and "
        "products in fields including (guidance on) sickness absence, reintegration & "
        "prevention. In our (occupational health) services we always strive for impartial "
        "judgement."
        "\n\nWe always handle the personal data we process with care, in keeping with the "
        "applicable laws and regulations such as the General Data Protection Regulation "
        "(hereinafter: GDPR). These privacy regulations set out and explain clearly:\n"
        "- How and for what purposes we process your personal data\n"
        "- On which grounds of the GDPR we process your personal data\n"
        "- How we take appropriate security measures to protect your personal data\n"
        "- An explanation of your rights regarding the processing of your personal data"
        "\n\nOur privacy regulations consist of the 3 chapters below. We advise you to read "
        "all of the privacy regulations. If you have any questions, you can always contact "
        "KrachtWerkt by filling in the contact form on the website or by phone on "
        "+31 88 501 43 02."
    ),
    # --- version 1: chapter 1, occupational health care ---
    f"{_V1}.care.data.title": "Which personal data are processed?",
    f"{_V1}.care.data.body": (
        "As a certified occupational health service, KrachtWerkt, as a care provider, "
        "processes the following (special categories of) personal data of (absent) "
        "employees of its occupational health clients."
        "\n\nPersonal data:\n"
        "- Name, address and place of residence;\n"
        "- E-mail address;\n"
        "- Phone number;\n"
        "- Date of birth;\n"
        "- Gender;\n"
        "- Address where the sick employee is being cared for;\n"
        "- Staff number/employee ID;\n"
        "- Information about the employment."
        "\n\nSpecial categories of personal data: health data that come up in occupational "
        "health care, such as:\n"
        "- date of the sick report;\n"
        "- date of the recovery report;\n"
        "- estimated length of absence;\n"
        "- whether a safety-net provision of the Sickness Benefits Act (Ziektewet) applies;\n"
        "- whether the employee falls under the Work and Income (Capacity for Work) Act "
        "(WIA);\n"
        "- whether a sick employee was involved in a traffic accident;\n"
        "- health data collected through questionnaires as part of (preventive) care."
        "\n\nMedical data (the (medical) data below are processed to assess incapacity for "
        "work, for absence guidance and for reintegration):\n"
        "- the nature and cause of the illness;\n"
        "- the progress of the treatment;\n"
        "- data needed to provide preventive care."
    ),
    f"{_V1}.care.purposes.title": "Purposes of the processing",
    f"{_V1}.care.purposes.body": (
        "KrachtWerkt processes these (special categories of) personal data because it is "
        "required to do so by law under the Working Conditions Act (Arbeidsomstandighedenwet) "
        "& the Medical Treatment Contracts Act (Wet op de geneeskundige "
        "behandelingsovereenkomst). As a care provider, KrachtWerkt supports its clients "
        "(employer organisations) with working conditions, absence guidance, reintegration, "
        "desirable interventions, prevention, health examinations & medical assessments. "
        "KrachtWerkt uses these data to provide tailored support in absence guidance and the "
        "other prevention tasks. We always handle these data with care. Moreover, the data "
        "are used only for the purpose for which they are intended and are not made "
        "available to third parties."
    ),
    f"{_V1}.care.grounds.title": "Legal grounds for the processing",
    f"{_V1}.care.grounds.body": (
        "1. Legal obligation: in the first place, KrachtWerkt, as a care provider, processes "
        "personal data of employees of occupational health clients because we are required "
        "to do so by law, under, among others, the Working Conditions Act and the Medical "
        "Treatment Contracts Act. Note that only necessary personal data are processed, of "
        "employees for whom care starts. If no care is provided, KrachtWerkt therefore does "
        "not receive any personal data of employees."
        "\n\n2. Performance of a contract: secondly, we may process personal data on the "
        "basis of occupational health care and the service agreement underlying it. "
        "Processing personal data is necessary to provide this occupational health care "
        "effectively. The aim of occupational health care is always a sustainable, healthy & "
        "safe organisation in which employees experience happiness (at work)."
        "\n\n3. Consent: thirdly, we may process personal data after an employee has given "
        "KrachtWerkt explicit (written) consent to do so."
    ),
    f"{_V1}.care.access.title": "Who has access to the personal data?",
    f"{_V1}.care.access.body": (
        "Only staff who need access to personal data for their work have that access. "
        "Authorisation is based on job titles. Medical data covered by professional secrecy "
        "are accessible only to the company doctor and the members of his treatment team."
    ),
    f"{_V1}.care.sharing.title": "Which personal data may be provided to third parties?",
    f"{_V1}.care.sharing.body": (
        "To the employer: employers are given only the following (personal) data:\n"
        "- the work an employee can or can no longer do;\n"
        "- the expected period of absence;\n"
        "- the extent to which the employee is unfit for work;\n"
        "- advice on adjustments, workplace provisions, interventions regarding "
        "reintegration."
        "\n\nThe employee is always informed of the content of the information KrachtWerkt "
        "provides to the employer. All other data processed are covered by the company "
        "doctor's medical professional secrecy and are not provided to the employer (without "
        "the employee's explicit consent)."
        "\n\nAny reports KrachtWerkt provides to the employer (for example when carrying out "
        "periodic occupational health examinations, PMOs) contain only anonymised "
        "information and therefore no personal data that can be traced to an individual "
        "employee."
    ),
    f"{_V1}.care.retention.title": "Retention period",
    f"{_V1}.care.retention.body": (
        "KrachtWerkt keeps personal data no longer than necessary to achieve the purposes "
        "for which they are collected, unless a longer statutory retention period applies to "
        "the personal data on a valid legal ground and these personal data may be processed "
        "longer for a new purpose."
        "\n\nPersonal data we process under the Medical Treatment Contracts Act are kept for "
        "up to 20 years after the end of your employment with your employer or after the end "
        "of the agreement between your employer and KrachtWerkt. In some cases your personal "
        "data must be kept longer or shorter. In this, KrachtWerkt always follows the "
        "general guidelines for keeping and deleting medical data based on the guidelines of "
        "the KNMG (Royal Dutch Medical Association)."
        "\n\nThe KNMG guidelines start from the following for keeping and deleting medical "
        "data: for a period of 20 years after:\n"
        "- the employee has left the employer;\n"
        "- the service agreement between KrachtWerkt and the employer has ended;\n"
        "- the employee dies."
        "\n\nIf there has been exposure to hazardous substances, KrachtWerkt keeps the "
        "personal data under specific laws and regulations for 40 years after the employee "
        "has left, or after the service agreement with the employer has ended, or after the "
        "employee has died, or after the last change to the file. In special circumstances, "
        "such as exposure to ionising radiation under the Radiation Protection Decree "
        "(Besluit stralingshygiëne, article 100), the personal data are kept until the "
        "employee has reached, or would have reached, the age of 75."
        "\n\nIf we are asked to transfer personal data to a new company doctor or "
        "occupational health service, we transfer the personal data related to ongoing "
        "cases of sickness to the new company doctor or occupational health service, after "
        "which KrachtWerkt will no longer keep these data."
        "\n\nIf KrachtWerkt is required by law to keep personal data longer, it will do so. "
        "In addition, with the explicit consent of employees, we may keep the personal data "
        "for a longer period."
    ),
    # --- version 1: chapter 3, general provisions, security and contact ---
    f"{_V1}.general.security.title": (
        "How are the personal data stored and how is KrachtWerkt's (electronic) security arranged?"
    ),
    f"{_V1}.general.security.body": (
        "- KrachtWerkt stores and processes the personal data of website visitors in the "
        "secured MS Office 365 cloud package. Within our organisation we use the Exchange "
        "e-mail services of Microsoft Office 365 Professional.\n"
        "- KrachtWerkt also uses the software of Simplicate and Compucase to store and "
        "process personal data. The security and reliability of this software are "
        "thoroughly safeguarded by these parties. These parties are also bound by a data "
        "processing agreement with KrachtWerkt to store the data securely.\n"
        "- KrachtWerkt takes all appropriate technical and organisational measures to "
        "protect personal data against loss and against any form of unlawful processing. "
        "Taking into account the state of the art and the costs of implementation, these "
        "measures ensure a level of security appropriate to the risks of the processing and "
        "the nature, scope and context of the personal data to be protected.\n"
        "- To safeguard the security of your personal data properly, KrachtWerkt is "
        "ISO 9001 certified and we work in accordance with ISO 27001.\n"
        "- You may trust that if, despite the security measures taken, a security incident "
        "does occur, we will take measures to limit the consequences for your privacy as "
        "much as possible."
    ),
    f"{_V1}.general.rights.title": "What are your rights?",
    f"{_V1}.general.rights.body": (
        "- A: You have the right to access the personal data stored. At your request, the "
        "data are shared with you.\n"
        "- B: You have the right to rectification. At your request, the data are corrected "
        "if KrachtWerkt has processed them incorrectly or wrongly.\n"
        "- C: You have the right to lodge a complaint. You can lodge a complaint about the "
        "storage or processing of personal data with the Dutch Data Protection Authority "
        "(Autoriteit Persoonsgegevens).\n"
        "- D: You have the right to transfer. As soon as you want to switch to another "
        "party offering similar services, you can ask for your personal data to be "
        "transferred to the new party.\n"
        "- E: You have the right to have the use of the data stopped. As soon as you no "
        "longer want KrachtWerkt to use the personal data, you can ask KrachtWerkt to stop "
        "using those personal data."
        "\n\nThe points above apply insofar as the law allows."
    ),
    f"{_V1}.general.questions.title": "Do you have questions, requests or complaints?",
    f"{_V1}.general.questions.body": (
        "You can always send a question, request or complaint about the subjects in this "
        "privacy statement to info@kracht-werkt.nl. We reply to your e-mail as soon as "
        "possible, and within four weeks at the latest."
    ),
    f"{_V1}.general.closing.title": "Finally",
    f"{_V1}.general.closing.body": (
        "We may update this privacy statement at any time, so we advise you to check "
        "regularly for updates. We do not notify you of every change and therefore "
        "recommend that you visit our website regularly and read this privacy statement."
    ),
}
