"""Word lists for the screening benchmark (``bench/bench_screen.py``).

Written for the benchmark, independent of frontwatch's own tables:

- spelling-variant families of Arabic, Persian and Russian name parts, used to
  make variant queries (Mohammad -> Muhammad) and to normalise names when
  checking that a generated negative is on no list;
- families of equivalent legal forms, used to drop or swap a company's legal form;
- generic business words and particles, dropped when comparing token sets;
- first and last names of several cultures and company-name words, used to
  generate negatives (names that are on no list).
"""

from __future__ import annotations

# -- spelling variants -----------------------------------------------------------------

# Each line is one family of spellings of the same name part; the first is canonical.
_VARIANT_LINES = """
mohammad muhammad mohammed mohamed mohamad muhammed mohammed
ahmad ahmed
hossein hussein husain hussain husayn hosein
hosseini husseini husaini hussaini
hassan hasan
mahmoud mahmud mahmood
mostafa mustafa moustafa
yousef yusuf youssef yousif yusef
jafar jaafar jafaar
qasem ghasem kassem qassem
kazem kadhim kazim
seyed sayed sayyid seyyed
abdollah abdullah abdallah abdulla
ebrahim ibrahim
esmail ismail ismael
osama usama
omar umar
khaled khalid
saeed said saeid
abu abou
yasser yasir yaser
nasser nasir naser
jamal gamal
abdul abdol abdel
gholam ghulam golam
mohsen muhsin
hamid hameed
majid majeed
rashid rasheed
karim kareem
mansour mansur
nour nur noor
fatemeh fatima fatimah
zeinab zainab zaynab
rouhollah ruhollah
sheikh shaikh shaykh
rahman rehman
mehdi mahdi
reza riza
hamza hamzah
tariq tarek tareq
faisal faysal feisal
walid waleed
khalil khaleel
suleiman sulaiman soleiman sulayman
yahya yahia
aleksandr alexander aleksander
aleksey alexey aleksei alexei
sergey sergei
andrey andrei
dmitriy dmitry dmitrii
yuriy yuri yury
evgeniy yevgeny evgeny yevgeniy
nikolay nikolai
vasiliy vasily vasilii
anatoliy anatoly
vitaliy vitaly
valeriy valery
gennadiy gennady
grigoriy grigory
mikhail mikhael
aleksandrovich alexandrovich
aleksandrovna alexandrovna
alekseyevich alekseevich alexeyevich
sergeyevich sergeevich
sergeyevna sergeevna
andreyevich andreevich
yevgenyevich evgenyevich evgenievich
sergeyev sergeev
alekseyev alekseev
"""
VARIANT_FAMILIES: list[tuple[str, ...]] = [
    tuple(dict.fromkeys(line.split())) for line in _VARIANT_LINES.strip().splitlines()
]
VARIANTS: dict[str, tuple[str, ...]] = {
    token: family for family in VARIANT_FAMILIES for token in family
}
CANONICAL: dict[str, str] = {token: family[0] for family in VARIANT_FAMILIES for token in family}

# -- legal forms -----------------------------------------------------------------------

# Families of legal forms that mean (or are commonly used as) the same thing. A name's
# legal form is dropped, or swapped for another member of its family.
LEGAL_FORM_FAMILIES: list[tuple[str, ...]] = [
    ("Co., Ltd.", "Co. Ltd", "Co Ltd", "Company Limited", "Co., Limited", "Limited", "Ltd."),
    ("LLC", "L.L.C.", "Limited Liability Company"),
    ("Inc.", "Inc", "Incorporated"),
    ("Corp.", "Corporation"),
    ("Co.", "Company"),
    ("JSC", "Joint Stock Company", "AO"),
    ("OJSC", "Open Joint Stock Company", "OAO"),
    ("CJSC", "Closed Joint Stock Company", "ZAO"),
    ("PJSC", "Public Joint Stock Company", "PAO"),
    ("OOO", "LLC", "Limited Liability Company"),
    ("Pvt. Ltd.", "Private Limited"),
    ("Sdn. Bhd.", "Sdn Bhd"),
    ("PLC", "Public Limited Company"),
    ("LLP", "Limited Liability Partnership"),
    ("S.A.", "SA"),
    ("GmbH",),
    ("FZE", "FZCO", "FZC", "FZ-LLC"),
]
# Tokens of legal forms (lower-case, no dots), used when normalising names.
LEGAL_WORDS: frozenset[str] = frozenset(
    """co company ltd limited llc l inc incorporated corp corporation jsc joint stock ojsc
    cjsc pjsc open closed public ao oao zao pao ooo pvt private sdn bhd plc llp liability
    partnership sa s a gmbh fze fzco fzc fz ag bv nv srl sarl spa tov pte kft""".split()
)
GENERIC_WORDS: frozenset[str] = frozenset(
    """trading trade general international intl group holding holdings industries industrial
    industry technology technologies tech electronics electronic engineering services service
    import export development science logistics shipping supply systems solutions
    manufacturing enterprise enterprises commercial investment investments global the of and
    for in""".split()
)
PARTICLES: frozenset[str] = frozenset(
    "al el ul ad ed as ash at az ibn bin bint ben abu bou van von der den de da di du la le".split()
)
HONORIFICS: frozenset[str] = frozenset(
    "mr mrs ms dr prof sir haji hajji sheikh shaikh mullah seyed sayed sayyid".split()
)

# -- negatives: person names ------------------------------------------------------------

# culture: (male first names, female first names, surnames (male form), surnames (female form))
# Surnames without a female form repeat the male list.
PERSON_NAMES: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    "english": (
        "James Oliver Harry George Thomas William Jack Samuel Daniel Edward Henry Callum".split(),
        "Emily Charlotte Sophie Amelia Grace Lucy Hannah Olivia Jessica Chloe Megan Ruth".split(),
        "Thompson Whitaker Fletcher Harrington Bennett Holloway Pearson Sutton Gallagher "
        "Prescott Dawson Ellison Kendrick Ashworth Blackwood Cartwright".split(),
        [],
    ),
    "spanish": (
        "Alejandro Mateo Santiago Diego Javier Pablo Andrés Joaquín Emilio Rodrigo".split(),
        "Lucía Valentina Camila Isabela Paula Martina Ximena Renata Julieta Carolina".split(),
        "García Fernández Morales Castillo Navarro Romero Herrera Ortega Delgado Vargas "
        "Aguirre Benítez Cordero Espinoza Quintana Villalobos".split(),
        [],
    ),
    "german": (
        "Lukas Jonas Felix Maximilian Tobias Florian Matthias Sebastian Niklas Jannik".split(),
        "Lena Marie Katharina Johanna Franziska Leonie Miriam Annika Sabine Ulrike".split(),
        "Müller Schneider Fischer Becker Hoffmann Schäfer Richter Schröder Zimmermann "
        "Hartmann Krüger Lehmann Brandt Vogel Kessler Engel".split(),
        [],
    ),
    "french": (
        "Louis Hugo Julien Antoine Mathieu Olivier Thibault Bastien Étienne Rémi".split(),
        "Camille Chloé Manon Léa Juliette Margaux Élodie Céline Amandine Solène".split(),
        "Dubois Lefebvre Moreau Girard Fontaine Rousseau Lambert Chevalier Marchand Mercier "
        "Garnier Faure Perrin Clément Gauthier Boucher".split(),
        [],
    ),
    "italian": (
        "Marco Luca Matteo Alessandro Lorenzo Davide Riccardo Stefano Tommaso Gabriele".split(),
        "Giulia Francesca Chiara Elena Alessia Federica Martina Sara Valentina Beatrice".split(),
        "Rossi Ferrari Esposito Bianchi Colombo Ricci Marino Greco Bruno Gallo Conti "
        "Mancini Costa Giordano Lombardi Moretti".split(),
        [],
    ),
    "chinese": (
        "Zihan Haoran Zhiwei Tianyu Kaiwen Yuxuan Junjie Zimo Haoyu Mingze Shengli Bowen".split(),
        "Xinyi Jiaqi Yutong Mengyao Ruoxi Shuang Yiwen Xiaoxue Siqi Wanting Yaqian Lihua".split(),
        "Wang Zhang Chen Yang Huang Zhao Zhou Xu Sun Guo Luo Gao Zheng Xie Tang Deng".split(),
        [],
    ),
    "arabic": (
        "Omar Karim Tarek Samir Hadi Ziad Bilal Fadi Nabil Rami Majed Sami".split(),
        "Layla Rania Amira Salma Mona Dalia Hiba Lina Yasmin Reem Nadia Dina".split(),
        "Haddad Khoury Saleh Aziz Farouk Hamdan Sabbagh Darwish Kassab Qureshi Barakat "
        "Tannous Nassar Shami Zoubi Halabi".split(),
        [],
    ),
    "persian": (
        "Arash Dariush Kaveh Babak Navid Mehrdad Kian Shahram Farhad Kourosh Payam Siavash".split(),
        "Shirin Parisa Farzaneh Ladan Nasrin Golnaz Mahsa Roya Azadeh Niloufar Sepideh".split(),
        "Tehrani Farahani Kamali Shirazi Rostami Nikpour Bahrami Esfahani Jahanbakhsh "
        "Mirzaei Navabi Kashani Sohrabi Foroughi Daneshvar Yazdani".split(),
        [],
    ),
    "russian": (
        "Artem Maxim Kirill Ilya Roman Timofey Yaroslav Gleb Matvey Stanislav".split(),
        "Ekaterina Anastasia Daria Polina Ksenia Alina Veronika Yulia Vera Margarita".split(),
        "Belov Zaitsev Lebedev Novikov Pavlov Sorokin Vinogradov Kiselev Bogdanov "
        "Tarasov Zhukov Komarov Gusev Titov Medvedko Abramov".split(),
        "Belova Zaitseva Lebedeva Novikova Pavlova Sorokina Vinogradova Kiseleva Bogdanova "
        "Tarasova Zhukova Komarova Guseva Titova Medvedko Abramova".split(),
    ),
    "turkish": (
        "Emre Burak Mert Can Onur Kerem Serkan Tolga Volkan Cem".split(),
        "Elif Zeynep Ayşe Deniz Ebru Selin Gizem Merve Derya Pınar".split(),
        "Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Arslan Doğan Kılıç Aslan Çetin "
        "Koç Kurt Özdemir Polat".split(),
        [],
    ),
    "indian": (
        "Arjun Rahul Vikram Rohan Aditya Sanjay Karthik Nikhil Pranav Suresh".split(),
        "Priya Ananya Kavya Sneha Divya Lakshmi Meera Pooja Shreya Nandini".split(),
        "Sharma Iyer Patel Reddy Nair Kapoor Mehta Chatterjee Banerjee Menon Joshi "
        "Kulkarni Bhat Desai Pillai Saxena".split(),
        [],
    ),
    "japanese": (
        "Haruto Sota Ren Yuto Kaito Daiki Takumi Kenta Shota Yuki".split(),
        "Yui Hina Aoi Sakura Mio Riko Yuna Haruka Nanami Misaki".split(),
        "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
        "Yoshida Yamada Sasaki Matsumoto Inoue Kimura".split(),
        [],
    ),
    "korean": (
        "Minjun Jiho Doyun Seojun Hajun Juwon Eunwoo Siwoo".split(),
        "Seoyeon Jiwoo Haeun Seoyun Jimin Chaewon Sua Yerin".split(),
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin".split(),
        [],
    ),
    "nigerian": (
        "Chinedu Oluwaseun Emeka Tunde Chukwuma Babatunde Ikenna Olumide".split(),
        "Ngozi Amara Adaeze Chiamaka Funmilayo Yetunde Nkechi Folake".split(),
        "Okafor Adeyemi Balogun Eze Nwosu Okonkwo Afolabi Ogunleye Chukwu Obi "
        "Adebayo Nnamdi".split(),
        [],
    ),
    "vietnamese": (
        "Minh Tuan Duc Quang Hieu Thanh Long Phuc".split(),
        "Linh Huong Trang Ngoc Thao Mai Lan Hanh".split(),
        "Nguyen Tran Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong".split(),
        [],
    ),
}

# -- negatives: company names ------------------------------------------------------------

COMPANY_WORDS: list[str] = """
Golden Silver Bright Azure Verdant Crimson Star Ocean Pacific Atlantic Sunrise Moonlight
Eagle Falcon Lotus Phoenix Harmony Crystal Summit Dragon Tiger Lion Orient Unity Prime
Apex Nova Delta Vertex Horizon Pioneer Maple Cedar Jade Pearl Coral Sapphire Emerald Ruby
River Mountain Harbor Bridge Valley Meadow Northern Southern Eastern Western Royal Grand
Smart Rapid Swift Zenith Orbit Quantum Nexus Vision Wave Stone Iron Steel Copper Amber Sky
Cloud Rain Wind Flame Bay Crown Anchor Compass Beacon Kestrel Heron Willow Birch Oak Aurora
Cascade Granite Lumen Meridian Polar Sierra Terra Vega Atlas Bravo Cobalt Ember Fjord
Glacier Haven Ivory Juniper Lantern Magnolia Nimbus Opal Prairie Quartz Raven Sequoia
Thistle Umber Velvet Whisper Yonder Zephyr
""".split()
PLACES: list[str] = """
Ningbo Xiamen Suzhou Dongguan Foshan Izmir Mersin Sharjah Almaty Tashkent Yerevan Baku
Minsk Mumbai Karachi Jakarta Penang Busan Osaka Rotterdam Antwerp Hamburg Gdansk Valencia
Lagos Nairobi Lima Quito Porto Lyon Turin Graz Ostrava Tallinn Riga Vilnius Cebu Danang
""".split()
# Templates: {a}, {b} company words, {p} a place, {ab} two words joined ("Brightwave").
COMPANY_TEMPLATES: list[str] = [
    "{a} {b} Trading Co., Ltd.",
    "{p} {a} Technology Co., Ltd.",
    "{a} {b} Electronics Limited",
    "{ab} Industrial LLC",
    "{a} {b} Logistics GmbH",
    "{a} {b} General Trading FZE",
    "{p} {a} Import & Export Co., Ltd.",
    "{a} {b} Engineering Pvt. Ltd.",
    "{a} {b} Holdings Inc.",
    "{a} {b} Shipping S.A.",
    "{ab} Solutions Ltd",
    "{a} {b} Machinery Co.",
    "OOO {a} {b}",
    "{p} {ab} Precision Instruments Co., Ltd.",
    "{a} {b} Components Corp.",
]


# -- negatives: well-known companies -------------------------------------------------------

# Companies a component maker or a bank screens every day, as their registers write
# them (in Latin script and in their own), none of them on the lists: a name of one
# coined word (Omron, Nidec, Yageo) lies a letter or two from many listed names and
# persons. Companies that are listed (Huawei, DJI, Gazprom, Bank Mellat ...) are left
# out. Written for frontwatch's benchmark; screened with type "any", as a customer
# file without a type column is.
KNOWN_COMPANIES: list[str] = """
Sony Corporation
Toyota Motor Corporation
Samsung Electronics Co., Ltd.
Siemens AG
Bosch GmbH
Apple Inc.
Microsoft Corporation
Texas Instruments Incorporated
Analog Devices, Inc.
Infineon Technologies AG
STMicroelectronics N.V.
NXP Semiconductors N.V.
Murata Manufacturing Co., Ltd.
TDK Corporation
Kyocera Corporation
Panasonic Holdings Corporation
Hitachi, Ltd.
Mitsubishi Electric Corporation
Toshiba Corporation
Fujitsu Limited
Nidec Corporation
Omron Corporation
Renesas Electronics Corporation
Rohm Co., Ltd.
Yageo Corporation
Vishay Intertechnology, Inc.
Microchip Technology Incorporated
ON Semiconductor Corporation
Broadcom Inc.
Qualcomm Incorporated
Intel Corporation
Advanced Micro Devices, Inc.
Nvidia Corporation
Taiwan Semiconductor Manufacturing Company Limited
MediaTek Inc.
Foxconn Technology Group
Hon Hai Precision Industry Co., Ltd.
Lenovo Group Limited
Xiaomi Corporation
BYD Company Limited
Alibaba Group Holding Limited
Tencent Holdings Limited
Baidu, Inc.
JD.com, Inc.
Haier Smart Home Co., Ltd.
Midea Group Co., Ltd.
Gree Electric Appliances Inc. of Zhuhai
TCL Technology Group Corporation
Shenzhen Mindray Bio-Medical Electronics Co., Ltd.
China Merchants Bank Co., Ltd.
Bank of China Limited
Industrial and Commercial Bank of China Limited
HSBC Holdings plc
Standard Chartered PLC
Deutsche Bank AG
BNP Paribas SA
Credit Suisse Group AG
UBS Group AG
Barclays PLC
Lloyds Banking Group plc
Digi-Key Electronics
Mouser Electronics, Inc.
Arrow Electronics, Inc.
Avnet, Inc.
Future Electronics Inc.
RS Components Ltd
Farnell UK Limited
TTI, Inc.
Rutronik Elektronische Bauelemente GmbH
WPG Holdings Limited
WT Microelectronics Co., Ltd.
Shenzhen Huaqiang Electronic Co., Ltd.
Great Wall Motor Company Limited
Sunny Optical Technology (Group) Company Limited
Al Futtaim Group
Emirates Airline
Etihad Airways
Qatar Airways
Turkish Airlines
Lufthansa
Air France
Maersk Line
Mediterranean Shipping Company S.A.
CMA CGM S.A.
Hapag-Lloyd AG
COSCO Shipping Holdings Co., Ltd.
Evergreen Marine Corporation
Orient Overseas Container Line
Nestle S.A.
Unilever PLC
Procter & Gamble Company
Shell plc
BP p.l.c.
TotalEnergies SE
Exxon Mobil Corporation
Chevron Corporation
Saudi Aramco
Reliance Industries Limited
Tata Consultancy Services Limited
Infosys Limited
Wipro Limited
Larsen & Toubro Limited
Hyundai Motor Company
LG Electronics Inc.
SK Hynix Inc.
Kia Corporation
Daewoo Shipbuilding & Marine Engineering
Volkswagen AG
BMW AG
Daimler Truck AG
Airbus SE
Boeing Company
Lockheed Martin Corporation
Raytheon Technologies Corporation
General Electric Company
Honeywell International Inc.
Caterpillar Inc.
Deere & Company
ABB Ltd
Schneider Electric SE
Philips N.V.
Ericsson AB
Nokia Corporation
Vodafone Group Plc
Telefonica S.A.
Orange S.A.
Amazon.com, Inc.
Alphabet Inc.
Meta Platforms, Inc.
Oracle Corporation
SAP SE
IBM Corporation
Cisco Systems, Inc.
Dell Technologies Inc.
HP Inc.
Canon Inc.
Nikon Corporation
Olympus Corporation
Keyence Corporation
Fanuc Corporation
Yaskawa Electric Corporation
Makino Milling Machine Co., Ltd.
DMG Mori Co., Ltd.
Trumpf GmbH + Co. KG
Heidenhain GmbH
Sandvik AB
Atlas Copco AB
Zeiss Group
Leica Microsystems GmbH
Thermo Fisher Scientific Inc.
Agilent Technologies, Inc.
Keysight Technologies, Inc.
Rohde & Schwarz GmbH & Co. KG
Tektronix, Inc.
National Instruments Corporation
Garmin Ltd.
u-blox AG
Trimble Inc.
株式会社ソニー
トヨタ自動車株式会社
三菱電機株式会社
パナソニック株式会社
小米科技有限责任公司
联想集团有限公司
腾讯控股有限公司
阿里巴巴集团控股有限公司
比亚迪股份有限公司
中国银行股份有限公司
招商银行股份有限公司
海尔智家股份有限公司
深圳市华强电子有限公司
삼성전자 주식회사
현대자동차 주식회사
شركة أرامكو السعودية
طيران الإمارات
""".strip().splitlines()


# -- negatives: Chinese trading and electronics companies --------------------------------

# What a component distributor's customer file is full of, and what the fronts on the
# lists look like: a city, a brand of two pinyin syllables, a business and a legal
# form ("Shenzhen Xinda Electronic Technology Co., Ltd.", "Huatai Trading (Hong Kong)
# Limited").
BRAND_SYLLABLES: list[str] = """
xin da hua tong feng sheng tai li mei kang jia hong yuan long tian hai bo rui heng xing
cheng jin fu an yi de guang ming ke chuang wei zhong bao shun hao run chang sen lian
""".split()
CHINESE_CITIES: list[str] = """
Shenzhen Guangzhou Dongguan Xiamen Ningbo Hangzhou Suzhou Shanghai Beijing Tianjin
Foshan Zhuhai Wuxi Changzhou
""".split()
CHINESE_BUSINESSES: list[str] = [
    "Electronics",
    "Electronic Technology",
    "Trading",
    "Import & Export",
    "Technology",
    "Industrial",
    "Precision Machinery",
    "Optoelectronics",
    "Semiconductor",
    "Components",
    "Automation",
    "Instruments",
    "New Energy",
    "Supply Chain Management",
    "Logistics",
    "Intelligent Technology",
]
CHINESE_LEGAL_FORMS: list[str] = [
    "Co., Ltd.",
    "Co., Limited",
    "Limited",
    "Company Limited",
]
