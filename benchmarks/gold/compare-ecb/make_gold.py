"""Writes the held-out ECB+ comparison gold (``ecb-*.json`` here) from spans typed while reading the articles of
``../shared/data/stories-dev2/ecbplus.jsonl`` side by side (stdlib only). Each typed span is resolved to the exact
characters of its article by ``../speakers/make_ecb_gold.resolve`` (straight/curly quotes and runs of spaces may
differ from the typing); the script stops when a span is not in its article.

    python3 benchmarks/gold/compare-ecb/make_gold.py

The files have the keys of ``../compare/`` round 3 (``facts``, ``quotes``, ``not_quotes``, ``conflicts``, ``relayed``,
``written``) plus ``source`` and ``articles`` (the ECB+ article ids, each its own outlet), as ``../speakers/ecb-*.json``.
"""
import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_ecb_gold", HERE.parent / "speakers" / "make_ecb_gold.py")
_ecb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ecb)

WRITTEN = ("2026-12-07 (session 18), by hand from the articles read side by side, before newsprism, its compare code "
           "or any benchmark was run on these articles and before any report of them was opened")

# article ids by a short name, per story
A, B, C, D = "ecbp-a4429ff5fd59", "ecbp-ec439fc83780", "ecbp-a95d3254d9b0", "ecbp-7aa69a8ed758"   # 21-ecbplus
E1, E2, E3, E4 = "ecbp-1c436be90bd2", "ecbp-a9af0768b2df", "ecbp-78a1a57de79e", "ecbp-71817650d443"  # 4-ecbplus
P1, P2, P3, P4 = "ecbp-6e51c04515d5", "ecbp-4481667bb4bd", "ecbp-c2a8cf26c9a7", "ecbp-cd4cfac3798b"  # 45-ecb
M1, M2, M3, M4 = "ecbp-d5ab72dd7503", "ecbp-4366a7c7e4aa", "ecbp-12417b025c88", "ecbp-9822d14b03d9"  # 39-ecb

STORIES = {
 "ecbp-21-ecbplus": dict(
  title="Raj Chohan killed by a drunk hit-and-run driver in Richmond Hill, Queens (2013-09)",
  articles=[A, B, C, D],
  facts=[
   ("a 59-year-old woman was killed in a hit-and-run in Queens on Friday (evening)", {
     A: ["Raj Chohan, 59, was killed by a drunk hit - and - run driver as she was on her way to attend religious services on Friday.",
         "A grandmother crossing a Queens street to attend a religious service Friday was mowed down by a drunken hit - and - run driver, cops and family said."],
     B: ["A 59 - year - old woman was killed in a hit - and - run crash while visiting a former neighbor to welcome his new daughter - in - law to the family Friday evening"],
     C: ["A 59 - year - old mother of two died when a drunken driver struck her with his car and then drove off, police said."],
     D: ["Police have a suspect in custody after a hit and run accident that killed a woman in Queens Friday night."]}),
   ("the driver was drunk", {
     A: ["Raj Chohan, 59, was killed by a drunk hit - and - run driver",
         "A grandmother crossing a Queens street to attend a religious service Friday was mowed down by a drunken hit - and - run driver, cops and family said."],
     B: ["the man allegedly behind the wheel of the car that hit her was charged with driving drunk"],
     C: ["A 59 - year - old mother of two died when a drunken driver struck her with his car and then drove off, police said."]}),
   ("she was struck about 7 p.m. at 117th Street and 97th Avenue (Richmond Hill)", {
     A: ["Raj Chohan, 59, had just parked her car and was walking alongside other parked vehicles toward a Sikh temple when she was struck by a gray 2013 Toyota Camry heading north on 117th St. near 97th Ave. about 7 p. m., police said."],
     B: ["Raj K. Chohan was walking alongside parked cars on 117th Street and 97th Avenue at about 7 p. m. when she was struck by a gray 2013 Toyota Camry, which then sped off, according to cops."],
     C: ["Raj Chohan, 59, of Queens, had just parked her car around 7 p. m. Friday at 97th Avenue and 117th Street in Richmond Hill when she was hit by a 2013 Toyota Camry, which then fled, police told 1010 WINS ’ Glenn Schuck."],
     D: ["Investigators say 59 - year old Raj Chohan was hit while walking along parked cars at 97th Avenue and 117th Street in Richmond Hill at about 7 p. m."]}),
   ("she was hit by a (gray 2013) Toyota Camry", {
     A: ["she was struck by a gray 2013 Toyota Camry heading north on 117th St. near 97th Ave."],
     B: ["when she was struck by a gray 2013 Toyota Camry, which then sped off"],
     C: ["when she was hit by a 2013 Toyota Camry, which then fled"],
     D: ["Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the scene."]}),
   ("she was walking alongside parked cars", {
     A: ["had just parked her car and was walking alongside other parked vehicles toward a Sikh temple"],
     B: ["Raj K. Chohan was walking alongside parked cars on 117th Street and 97th Avenue"],
     D: ["Investigators say 59 - year old Raj Chohan was hit while walking along parked cars"]}),
   ("she had just parked her car", {
     A: ["Raj Chohan, 59, had just parked her car"],
     C: ["Raj Chohan, 59, of Queens, had just parked her car around 7 p. m. Friday"]}),
   ("the car was heading north on 117th Street", {
     A: ["struck by a gray 2013 Toyota Camry heading north on 117th St. near 97th Ave."],
     D: ["Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the scene."]}),
   ("the car drove off / fled after hitting her", {
     A: ["A cop patrolling on foot happened to see the fleeing vehicle and alerted other officers"],
     B: ["when she was struck by a gray 2013 Toyota Camry, which then sped off, according to cops."],
     C: ["A 59 - year - old mother of two died when a drunken driver struck her with his car and then drove off, police said.",
         "when she was hit by a 2013 Toyota Camry, which then fled, police told 1010 WINS ’ Glenn Schuck."],
     D: ["Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the scene."]}),
   ("she was taken to Jamaica Hospital, where she died (was pronounced dead)", {
     A: ["Chohan, who lived half a mile away in South Ozone Park, was rushed to Jamaica Hospital, where she later died."],
     B: ["Emergency responders were called in and took Chohan to Jamaica Hospital, where she was later pronounced dead, the NYPD said."],
     C: ["Chohan was pronounced dead at Jamaica Hospital."]}),
   ("a police officer who happened to be nearby saw it and went after the car", {
     A: ["A cop patrolling on foot happened to see the fleeing vehicle and alerted other officers, who pulled the heartless driver over at 115th St. and 101st Ave."],
     B: ["Residents along 117th Street said a police cruiser happened to be pulled over on the side of the road near where the crash occurred, and immediately chased the vehicle."],
     C: ["A police officer that was parked nearby and witnessed the incident chased after the car and arrested Vishwanand Subryan, 23, of Schenectady, several blocks away."]}),
   ("police caught the driver a few blocks away (at 115th Street and 101st Avenue)", {
     A: ["who pulled the heartless driver over at 115th St. and 101st Ave."],
     B: ["Police said the officers caught up with 23 - year - old Vishwanand Subryan of Schenectady a few blocks away - at 115th Street and 101st Avenue - where he was taken into custody without incident."],
     C: ["A police officer that was parked nearby and witnessed the incident chased after the car and arrested Vishwanand Subryan, 23, of Schenectady, several blocks away."]}),
   ("a suspect was arrested / is in custody", {
     B: ["where he was taken into custody without incident."],
     C: ["chased after the car and arrested Vishwanand Subryan, 23, of Schenectady, several blocks away."],
     D: ["Police have a suspect in custody after a hit and run accident that killed a woman in Queens Friday night.",
         "They later apprehended the suspect, identified as 23 - year old Vishwanand Subryan of Schenectady, New York."]}),
   ("the driver is Vishwanand Subryan, 23, of Schenectady", {
     A: ["Vishwanand Subryan, 23, of Schenectady, N. Y., was charged with vehicular manslaughter, criminally negligent homicide, driving drunk and leaving the scene of a fatal accident."],
     B: ["Police said the officers caught up with 23 - year - old Vishwanand Subryan of Schenectady a few blocks away"],
     C: ["arrested Vishwanand Subryan, 23, of Schenectady, several blocks away."],
     D: ["They later apprehended the suspect, identified as 23 - year old Vishwanand Subryan of Schenectady, New York."]}),
   ("he was charged with vehicular manslaughter, leaving the scene and DWI (and criminally negligent homicide)", {
     A: ["Vishwanand Subryan, 23, of Schenectady, N. Y., was charged with vehicular manslaughter, criminally negligent homicide, driving drunk and leaving the scene of a fatal accident."],
     B: ["Subryan was charged with vehicular manslaughter, criminally negligent homicide, leaving the scene of an accident resulting in death and DWI, the NYPD said.",
         "the man allegedly behind the wheel of the car that hit her was charged with driving drunk"],
     C: ["Subryan is charged with DWI, vehicular manslaughter and leaving the scene of an accident resulting in death.",
         "Driver Charged With DWI, Vehicular Manslaughter"],
     D: ["He has been charged with Vehicular Manslaughter, Criminally Negligent Homicide, Leaving the scene of an accident resulting in death, and DWI."]}),
   ("she was in the neighbourhood to visit someone (a former neighbour)", {
     B: ["A 59 - year - old woman was killed in a hit - and - run crash while visiting a former neighbor to welcome his new daughter - in - law to the family Friday evening",
         "Chohan, who is a mother to a married son and daughter, had been in her former neighborhood to visit Piara Singh, according to Charanjit who translated for Singh."],
     D: ["She was in the neighborhood visiting someone."]}),
   ("she did not live on that street (she lived some way off: half a mile, a mile and a half)", {
     A: ["Chohan, who lived half a mile away in South Ozone Park, was rushed to Jamaica Hospital"],
     B: ["She had moved about a mile and a half away five or six years ago, her friend said."],
     D: ["She doesn't live on the block."]}),
   ("she was a mother of two (a son and a daughter)", {
     B: ["Chohan, who is a mother to a married son and daughter, had been in her former neighborhood"],
     C: ["A 59 - year - old mother of two died when a drunken driver struck her with his car"]}),
   ("she was an immigrant from India", {
     A: ["Chohan, an Indian immigrant, lived with her husband, son and two grandkids."],
     D: ["Eyewitness News has learned from people in the neighborhood that the victim is originally from Punjab, India."]}),
   ("neighbours came out and found her lying on the ground", {
     B: ["Charanjit said he and his family came out of their home on 117th Street and saw a crowd of people gathered and EMS performing CPR on Chohan.",
         "When [Singh ’ s] son came out, he saw her on the floor,"],
     C: ["Several neighbors ran outside to try to help the woman.",
         "When I went to check, I saw the lady lying on the floor, but she wasn ’ t breathing or anything."],
     D: ["I see a person lying down."]}),
   ("she was unconscious when found", {
     C: ["She was out cold.", "but she wasn ’ t breathing or anything."],
     D: ["Not responding.", "She was unconscious,"]}),
  ],
  quotes=[
   ("Ravi Singh", {A: ["We are really just shocked,", "She was so nice.", "She always takes care of everybody."]}),
   ("Ravi Singh", {A: ["He should be punished, in jail, for the rest of his life,", "We were a very close family."]}),
   ("unnamed", {A: ["The grandkids were her whole life and joy,", "She was a very caring person."]}),
   ("Suri Charanjit", {B: ["The husband and wife came to visit,", "He was with her when it happened."]}),
   ("Suri Charanjit", {B: ["When [Singh ’ s] son came out, he saw her on the floor,"]}),
   ("Suri Charanjit", {B: ["The cars come straight from 103rd Avenue.",
                           "They have no stop sign, no bump, nothing but green until 95th Avenue,",
                           "This is just a side street.", "We want to have a stop sign."]}),
   ("unnamed", {C: ["Oh man, she was bad,", "There was nothing we could do.",
                    "Everybody was just standing there all confused, like they can ’ t believe that this happened over here.",
                    "She was out cold."]}),
   ("unnamed", {C: ["My wife was getting ready to go out with the kid, and she screamed that somebody hit another car and ran away,",
                    "When I went to check, I saw the lady lying on the floor, but she wasn ’ t breathing or anything."]}),
   ("Mahadeo Rambrich", {D: ["I see a person lying down.", "This is a mom, a female, and then I dialed 911,"]}),
   ("Eyewitness News", {D: ["What did the person look like when you saw her lying on the ground?"]}),
   ("Mahadeo Rambrich", {D: ["Not responding.", "She was unconscious,"]}),
  ],
  not_quotes=[],
  conflicts=[
   {"kind": "number", "about": "how far from the street she lived",
    "variants": [{"value": "half a mile away (South Ozone Park)", "spans": {A: ["who lived half a mile away in South Ozone Park"]}},
                 {"value": "about a mile and a half away", "spans": {B: ["She had moved about a mile and a half away five or six years ago"]}}]},
   {"kind": "claim", "about": "why she was on the street",
    "variants": [{"value": "on her way to a religious service at a Sikh temple",
                  "spans": {A: ["as she was on her way to attend religious services on Friday.",
                                "was walking alongside other parked vehicles toward a Sikh temple"]}},
                 {"value": "visiting a former neighbour",
                  "spans": {B: ["while visiting a former neighbor to welcome his new daughter - in - law to the family",
                                "had been in her former neighborhood to visit Piara Singh"],
                            D: ["She was in the neighborhood visiting someone."]}}]},
   {"kind": "claim", "about": "where the officer who saw it was",
    "variants": [{"value": "a cop patrolling on foot", "spans": {A: ["A cop patrolling on foot happened to see the fleeing vehicle"]}},
                 {"value": "an officer in a parked police car",
                  "spans": {B: ["a police cruiser happened to be pulled over on the side of the road near where the crash occurred"],
                            C: ["A police officer that was parked nearby and witnessed the incident"]}}]},
  ],
  relayed=[
   (A, "A grandmother crossing a Queens street to attend a religious service Friday was mowed down by a drunken hit - and - run driver, cops and family said.", "police and family"),
   (A, "Raj Chohan, 59, had just parked her car and was walking alongside other parked vehicles toward a Sikh temple when she was struck by a gray 2013 Toyota Camry heading north on 117th St. near 97th Ave. about 7 p. m., police said.", "police"),
   (A, "“ We are really just shocked, ” said her nephew, Ravi Singh, 32, of Coney Island.", "Ravi Singh"),
   (A, "“ He should be punished, in jail, for the rest of his life, ” Singh said.", "Ravi Singh"),
   (A, "“ The grandkids were her whole life and joy, ” a family friend said.", "a family friend"),
   (B, "A 59 - year - old woman was killed in a hit - and - run crash while visiting a former neighbor to welcome his new daughter - in - law to the family Friday evening, and the man allegedly behind the wheel of the car that hit her was charged with driving drunk, police and the woman ’ s friend said.", "police and the woman's friend"),
   (B, "Raj K. Chohan was walking alongside parked cars on 117th Street and 97th Avenue at about 7 p. m. when she was struck by a gray 2013 Toyota Camry, which then sped off, according to cops.", "police"),
   (B, "“ The husband and wife came to visit, ” said South Richmond Hill resident Suri Charanjit.", "Suri Charanjit"),
   (B, "Charanjit said he and his family came out of their home on 117th Street and saw a crowd of people gathered and EMS performing CPR on Chohan.", "Suri Charanjit"),
   (B, "Emergency responders were called in and took Chohan to Jamaica Hospital, where she was later pronounced dead, the NYPD said.", "NYPD"),
   (B, "Residents along 117th Street said a police cruiser happened to be pulled over on the side of the road near where the crash occurred, and immediately chased the vehicle.", "residents"),
   (B, "Police said the officers caught up with 23 - year - old Vishwanand Subryan of Schenectady a few blocks away - at 115th Street and 101st Avenue - where he was taken into custody without incident.", "police"),
   (B, "Subryan was charged with vehicular manslaughter, criminally negligent homicide, leaving the scene of an accident resulting in death and DWI, the NYPD said.", "NYPD"),
   (B, "Chohan, who is a mother to a married son and daughter, had been in her former neighborhood to visit Piara Singh, according to Charanjit who translated for Singh.", "Suri Charanjit"),
   (B, "She had moved about a mile and a half away five or six years ago, her friend said.", "Suri Charanjit"),
   (B, "As part of a Sikh tradition, she had been visiting to greet Singh ’ s daughter - in - law, who recently arrived from India, and present her with gifts, he explained.", "Suri Charanjit"),
   (B, "“ When [Singh ’ s] son came out, he saw her on the floor, ” Charanjit said.", "Suri Charanjit"),
   (B, "Both Charanjit and Singh complained cars speeding along 117th Street.", "Suri Charanjit and Piara Singh"),
   (B, "They have no stop sign, no bump, nothing but green until 95th Avenue, ” Charanjit said.", "Suri Charanjit"),
   (C, "A 59 - year - old mother of two died when a drunken driver struck her with his car and then drove off, police said.", "police"),
   (C, "Raj Chohan, 59, of Queens, had just parked her car around 7 p. m. Friday at 97th Avenue and 117th Street in Richmond Hill when she was hit by a 2013 Toyota Camry, which then fled, police told 1010 WINS ’ Glenn Schuck.", "police"),
   (C, "“ Oh man, she was bad, ” one man told Schuck.", "one man"),
   (C, "“ My wife was getting ready to go out with the kid, and she screamed that somebody hit another car and ran away, ” another neighbor said.", "another neighbor"),
   (D, "Investigators say 59 - year old Raj Chohan was hit while walking along parked cars at 97th Avenue and 117th Street in Richmond Hill at about 7 p. m.", "investigators"),
   (D, "Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the scene.", "police"),
   (D, "Eyewitness News has learned from people in the neighborhood that the victim is originally from Punjab, India.", "people in the neighborhood"),
   (D, "Eyewitness News spoke to one man who says he called 911 after he heard a crash.", "Mahadeo Rambrich"),
   (D, "This is a mom, a female, and then I dialed 911, \" said Mahadeo Rambrich, a witness.", "Mahadeo Rambrich"),
   (D, "She was unconscious, \" Rambrich said.", "Mahadeo Rambrich"),
   (D, "residents describe it as peaceful and quiet", "residents"),
  ]),
 "ecbp-4-ecbplus": dict(
  title="Esther Williams, swimmer and MGM star, dies at 91 (2013-06)",
  articles=[E1, E2, E3, E4],
  facts=[
   ("Esther Williams has died", {
     E1: ["Championship swimmer - turned - legendary Hollywood actress Esther Williams has died."],
     E2: ["Actress and champion swimmer Esther Williams, who showcased a combination of glamour and athleticism by starring in several spectacular and splashy MGM musicals of the 1940s and '50s, has died."],
     E3: ["The self - described \"Million Dollar Mermaid, \" whose wholesome beauty, shapely figure and aquatic skills launched an entire genre of movies – the Technicolor \"aqua musicals\" – died Thursday at 91."],
     E4: ["Esther Williams, the swimming champion turned actress who starred in glittering and aquatic Technicolour musicals of the 1940s and 1950s, has died.",
          "Hollywood ’ s mermaid Esther Williams dies"]}),
   ("she was 91", {
     E1: ["passed away in Beverly Hills, Calif., on Thursday at the age of 91."],
     E2: ["She was 91."],
     E3: ["died Thursday at 91."],
     E4: ["She was 91.", "died yesterday in Beverly Hills, California, at the age of 91, her spokesman said."]}),
   ("she died on Thursday (\"yesterday\")", {
     E1: ["passed away in Beverly Hills, Calif., on Thursday at the age of 91."],
     E2: ["Williams died peacefully in her sleep Thursday in Beverly Hills, family spokesman Harlan Boll announced."],
     E3: ["died Thursday at 91."],
     E4: ["died yesterday in Beverly Hills, California, at the age of 91, her spokesman said."]}),
   ("she died in Beverly Hills", {
     E1: ["passed away in Beverly Hills, Calif., on Thursday at the age of 91."],
     E2: ["Williams died peacefully in her sleep Thursday in Beverly Hills, family spokesman Harlan Boll announced."],
     E4: ["died yesterday in Beverly Hills, California, at the age of 91, her spokesman said."]}),
   ("she died peacefully (in her sleep)", {
     E2: ["Williams died peacefully in her sleep Thursday in Beverly Hills, family spokesman Harlan Boll announced."],
     E3: ["My stepmom Esther Williams passed peacefully this morning."],
     E4: ["She died peacefully in her sleep and had been in declining health due to old age, spokesman Harlan Boll said."]}),
   ("she was a champion swimmer who became an actress", {
     E1: ["Championship swimmer - turned - legendary Hollywood actress Esther Williams has died."],
     E2: ["Actress and champion swimmer Esther Williams", "The champion swimmer starred in such films as"],
     E4: ["Esther Williams, the swimming champion turned actress", "Champion swimmer turned top box - office draw in 40s and 50s"]}),
   ("she starred in \"Take Me Out to the Ball Game\" and \"Million Dollar Mermaid\"", {
     E1: ["The star of such MGM movie hits as “ Take Me Out to the Ball Game, ” \"Jupiter's Darling\" and \"Million Dollar Mermaid, \" passed away"],
     E2: ["The champion swimmer starred in such films as \"Bathing Beauty, \" \"Take Me Out to the Ball Game\" and \"Million Dollar Mermaid. \""]}),
   ("she starred in (aquatic, Technicolor) musicals of the 1940s and '50s", {
     E2: ["who showcased a combination of glamour and athleticism by starring in several spectacular and splashy MGM musicals of the 1940s and '50s"],
     E3: ["whose wholesome beauty, shapely figure and aquatic skills launched an entire genre of movies – the Technicolor \"aqua musicals\""],
     E4: ["who starred in glittering and aquatic Technicolour musicals of the 1940s and 1950s",
          "Williams, whose experiences as a young swimming champion led to a career of Hollywood “ aqua - musicals ” designed just for her"]}),
   ("she was an MGM star", {
     E1: ["The star of such MGM movie hits as"],
     E2: ["by starring in several spectacular and splashy MGM musicals of the 1940s and '50s"],
     E3: ["a refreshing presence among MGM's stellar gallery"]}),
   ("she was a favourite pinup of US servicemen in World War II", {
     E1: ["making her one of the top pin - up girls of U. S. servicemen serving in World War II."],
     E3: ["She also was a favorite swimsuit pinup for GI's in World War II"],
     E4: ["Williams in a bathing suit became a favourite pinup of US people in World War II, and her popularity continued afterward.",
          "It was the pool — and wartime pinup pictures of her in bathing suits — that made her popular."]}),
   ("her spokesman (publicist) Harlan Boll announced her death", {
     E1: ["Williams' publicist, Harlan Boll, confirmed her death to the Associated Press on Thursday."],
     E2: ["Williams died peacefully in her sleep Thursday in Beverly Hills, family spokesman Harlan Boll announced."],
     E4: ["died yesterday in Beverly Hills, California, at the age of 91, her spokesman said.",
          "She died peacefully in her sleep and had been in declining health due to old age, spokesman Harlan Boll said."]}),
  ],
  quotes=[
   ("unnamed", {E1: ["the girl you will dream about!"]}),
   ("Lorenzo Lamas", {E3: ["My stepmom Esther Williams passed peacefully this morning."]}),
  ],
  not_quotes=[
   (E1, "“ Take Me Out to the Ball Game, ”"), (E1, "\"Jupiter's Darling\""), (E1, "\"Million Dollar Mermaid, \""),
   (E1, "\"Bathing Beauty, \""), (E2, "\"Bathing Beauty, \""), (E2, "\"Take Me Out to the Ball Game\""),
   (E2, "\"Million Dollar Mermaid. \""), (E3, "\"Million Dollar Mermaid, \""), (E3, "\"aqua musicals\""),
   (E4, "“ aqua - musicals ”"),
  ],
  conflicts=[],
  relayed=[
   (E1, "Williams' publicist, Harlan Boll, confirmed her death to the Associated Press on Thursday.", "Harlan Boll"),
   (E2, "Williams died peacefully in her sleep Thursday in Beverly Hills, family spokesman Harlan Boll announced.", "Harlan Boll"),
   (E3, "Lamas' son, actor Lorenzo Lamas, tweeted Thursday: \"My stepmom Esther Williams passed peacefully this morning.", "Lorenzo Lamas"),
   (E4, "Williams, whose experiences as a young swimming champion led to a career of Hollywood “ aqua - musicals ” designed just for her, died yesterday in Beverly Hills, California, at the age of 91, her spokesman said.", "Harlan Boll"),
   (E4, "She died peacefully in her sleep and had been in declining health due to old age, spokesman Harlan Boll said.", "Harlan Boll"),
  ]),
 "ecbp-45-ecb": dict(
  title="Scott Peterson convicted of murdering his wife Laci and their unborn son (2004)",
  articles=[P1, P2, P3, P4],
  facts=[
   ("Scott Peterson was convicted of the first-degree murder of his wife Laci", {
     P1: ["Scott Peterson has been found guilty of first-degree murder",
          "So Scott Peterson was convicted because he's a liar and a cheat and a fink",
          "Peterson was found guilty because jurors believed he had a motive to kill his wife"],
     P2: ["The jury convicted the 32-year-old Peterson on Nov. 12 of first-degree murder for killing his wife and second-degree murder for the death of his unborn son."],
     P3: ["Peterson was convicted Nov. 12 of first-degree murder for the death of Laci Peterson and second-degree murder for the death of their unborn son just before Christmas 2002.",
          "The same jury that recommended Peterson's penalty found him guilty of the first-degree murder of his wife and the second-degree murder of his unborn child.",
          "when sobs filled the air as Peterson was found guilty of murdering his wife and their unborn child"],
     P4: ["On November 12, a jury in Redwood City, California, convicted Scott Peterson of first-degree murder in the death of his wife, 23-year-old Laci, and second-degree murder in the death of his 8-month-old unborn son, whom the couple were planning to name Conner."]}),
   ("he was convicted of second-degree murder for the death of his unborn son", {
     P2: ["The jury convicted the 32-year-old Peterson on Nov. 12 of first-degree murder for killing his wife and second-degree murder for the death of his unborn son."],
     P3: ["Peterson was convicted Nov. 12 of first-degree murder for the death of Laci Peterson and second-degree murder for the death of their unborn son just before Christmas 2002.",
          "The same jury that recommended Peterson's penalty found him guilty of the first-degree murder of his wife and the second-degree murder of his unborn child.",
          "when sobs filled the air as Peterson was found guilty of murdering his wife and their unborn child"],
     P4: ["On November 12, a jury in Redwood City, California, convicted Scott Peterson of first-degree murder in the death of his wife, 23-year-old Laci, and second-degree murder in the death of his 8-month-old unborn son, whom the couple were planning to name Conner."]}),
   ("the verdict came on November 12", {
     P2: ["The jury convicted the 32-year-old Peterson on Nov. 12"],
     P3: ["Unlike on Nov. 12, when sobs filled the air as Peterson was found guilty",
          "Peterson was convicted Nov. 12 of first-degree murder"],
     P4: ["On November 12, a jury in Redwood City, California, convicted Scott Peterson"]}),
   ("the same jurors decide whether he should be put to death", {
     P1: ["a verdict that means he could be executed if these same jurors vote as the \"conscience of their community\" that he deserves to die for his crimes."],
     P2: ["a prosecutor told jurors today as he asked them to send convicted double-murderer Scott Peterson to his death for killing his wife and unborn son."],
     P3: ["The same jury that recommended Peterson's penalty found him guilty of the first-degree murder of his wife",
          "there was an almost surreal stillness in the courtroom while the death recommendation was announced."]}),
   ("Laci disappeared from their Modesto home (just before Christmas 2002)", {
     P3: ["The case first captured the nation's attention when Laci Peterson disappeared from her Modesto home the day before Christmas 2002 and has engrossed the country ever since."],
     P4: ["Laci disappeared from the couple's home in Modesto, California, 23 months ago."]}),
   ("Laci's body washed up (in the San Francisco Bay)", {
     P1: ["why Laci Peterson's body washed up where it washed up."],
     P4: ["The bodies of Laci and Conner later washed up in the San Francisco Bay, near where Scott told police he had gone fishing the day his wife disappeared."]}),
  ],
  quotes=[
   ("a prosecutor", {P2: ["a hole in their hearts that will never be repaired,"]}),
  ],
  not_quotes=[(P1, "\"conscience of their community\"")],
  conflicts=[],
  relayed=[
   (P2, "Laci Peterson's loved ones have \"a hole in their hearts that will never be repaired,\" a prosecutor told jurors today as he asked them to send convicted double-murderer Scott Peterson to his death for killing his wife and unborn son.", "a prosecutor"),
   (P4, "near where Scott told police he had gone fishing the day his wife disappeared.", "Scott Peterson"),
  ]),
 "ecbp-39-ecb": dict(
  title="Matt Smith cast as the eleventh Doctor (2009-01)",
  articles=[M1, M2, M3, M4],
  facts=[
   ("Matt Smith has been cast as the next (eleventh) Doctor", {
     M1: ["Tennant has now been voted one of the most popular Doctors of all time and is handing his sonic screwdriver over to actor Matt Smith."],
     M2: ["26-year-old Matt Smith has been cast as the next incarnation of the Doctor."],
     M3: ["Smith, 26, who played a young political researcher in the show, will become the biggest star of all after winning the role of the 11th Doctor."],
     M4: ["On Saturday it was announced that the actor to play the eleventh Doctor was none other than Matt Smith."]}),
   ("Smith is 26", {
     M2: ["26-year-old Matt Smith has been cast as the next incarnation of the Doctor."],
     M3: ["Smith, 26, who played a young political researcher in the show"]}),
   ("people's reaction to the casting was \"Who?\"", {
     M1: ["Of course, there has been a media frenzy, with practically every national tabloid screaming \"Who??\"."],
     M2: ["Users on the Facebook Doctor Who forum that I frequent mostly had the same reaction: \"Who's Matt Smith?\""],
     M4: ["\"Who?\" asked people entirely appropriately."]}),
   ("Smith is relatively unknown, not a big name", {
     M1: ["he will not bring any \"star personality\" with him that perhaps a \"name\" would have"],
     M2: ["The guy is relatively unknown and the skeptics wondered if the right person was chosen.",
          "and here we get some no-name."]}),
   ("casting Smith is an excellent choice", {
     M1: ["But the casting of Smith is a stroke of genius"],
     M3: ["It's a sublime bit of casting.", "Buchan said his old co-star would make an excellent Doctor Who."]}),
  ],
  quotes=[
   ("the national tabloids", {M1: ["Who??"]}),
   ("the users of the Facebook Doctor Who forum", {M2: ["Who's Matt Smith?"]}),
   ("Buchan", {M3: ["It's a sublime bit of casting.",
                    "He's got that huge hair, a twinkle in his eye - Matt's the king of geek chic.",
                    "He is possibly going to be one of the best Doctors we've ever had."]}),
   ("unnamed", {M4: ["Who?"]}),
  ],
  not_quotes=[(M1, "\"star personality\""), (M1, "\"name\"")],
  conflicts=[],
  relayed=[
   (M1, "with practically every national tabloid screaming \"Who??\".", "the national tabloids"),
   (M2, "Users on the Facebook Doctor Who forum that I frequent mostly had the same reaction: \"Who's Matt Smith?\"", "users of a Facebook forum"),
   (M2, "the skeptics wondered if the right person was chosen.", "the skeptics"),
   (M2, "everyone speculated that Paterson Joseph, who had appeared on a couple episodes of the show, was going to be the next Doctor", "everyone"),
   (M3, "Speaking to The Guardian, Buchan said his old co-star would make an excellent Doctor Who.", "Buchan"),
   (M4, "\"Who?\" asked people entirely appropriately.", "people"),
  ]),
}


def main() -> None:
    rows = {}
    with open(_ecb.DATA / "stories-dev2" / "ecbplus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows[r["id"]] = r
    for story, s in STORIES.items():
        assert all(rows[a]["story"] == story for a in s["articles"]), story
        texts = {a: rows[a]["text"] for a in s["articles"]}

        def spans(by_article: dict) -> dict:
            return {a: [_ecb.resolve(texts, a, w) for w in ws] for a, ws in by_article.items()}

        gold = {"title": s["title"], "story": story, "source": "stories-dev2/ecbplus.jsonl", "articles": s["articles"],
                "written": WRITTEN,
                "facts": [{"about": about, "spans": spans(sp)} for about, sp in s["facts"]],
                "quotes": [{"speaker": who, "spans": spans(sp)} for who, sp in s["quotes"]],
                "not_quotes": [{"article": a, "span": _ecb.resolve(texts, a, w)} for a, w in s["not_quotes"]],
                "conflicts": [dict(c, variants=[dict(v, spans=spans(v["spans"])) for v in c["variants"]])
                              for c in s["conflicts"]],
                "relayed": [{"article": a, "span": _ecb.resolve(texts, a, w), "source": src} for a, w, src in s["relayed"]]}
        name = "ecb-" + story.removeprefix("ecbp-") + ".json"
        (HERE / name).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(name, len(gold["facts"]), "facts", len(gold["quotes"]), "quotes", len(gold["not_quotes"]), "not quotes",
              len(gold["conflicts"]), "conflicts", len(gold["relayed"]), "relayed")


if __name__ == "__main__":
    main()
