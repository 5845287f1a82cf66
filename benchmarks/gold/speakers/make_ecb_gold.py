"""Writes the held-out ECB+ gold (``ecb-*.json`` here and in ``../conflicts/``) from spans typed while reading
the articles of ``../shared/data/stories-dev2/ecbplus.jsonl`` (stdlib only). A span is resolved to the exact
characters of its article (straight/curly quotes and runs of spaces may differ from the typing); the script
fails when a span is not in its article or occurs in a different article than the one named.

    python3 benchmarks/gold/speakers/make_ecb_gold.py
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DATA = ROOT.parent / "shared" / "data" if (ROOT.parent / "shared").exists() else Path("/work/shared/data")
WRITTEN = ("2026-12-06, by hand from the articles read side by side, before newsprism (or any of its benchmarks) "
           "was run on these articles; no system output on them was seen while writing")

STORIES = {
 "ecbp-13-ecb": dict(
  title="Fire at Sarah Palin's Wasilla Bible Church, treated as arson (2008-12)",
  articles=["ecbp-6eb0e94b9ca7", "ecbp-b208e4270b01", "ecbp-41bd8e329274", "ecbp-1950e80e8f00"],
  quotes=[
   ("ecbp-6eb0e94b9ca7", '"suspicious"', "Larry Kroon|James Steele"),
   ("ecbp-6eb0e94b9ca7", "We have no idea what caused it", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "No one was hurt", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "treating it as suspicious and as potential arson at this point", "James Steele"),
   ("ecbp-6eb0e94b9ca7", "if the incident is in any way connected to the undeserved negative attention the church has received since she became a vice presidential candidate.", "Sarah Palin"),
   ("ecbp-6eb0e94b9ca7", "I've heard the figure of $1 million, but I don't know for sure", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "They were all adults, and they all got out.", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "just a local community church", "Larry Kroon"),
   ("ecbp-b208e4270b01", "Whatever the motives of the arsonist, the Governor has faith in the scriptural passage", "Bill McAllister"),
   ("ecbp-b208e4270b01", "Everything is just speculation", "James Steele"),
   ("ecbp-b208e4270b01", "We have no information on intent or motive.", "James Steele"),
   ("ecbp-b208e4270b01", "There are so many variables", "Larry Kroon"),
   ("ecbp-b208e4270b01", "I don't want to comment in that direction.", "Larry Kroon"),
   ("ecbp-b208e4270b01", "help men and women dissatisfied with living homosexually", "the conference|Focus on the Family"),
   ("ecbp-41bd8e329274", '"suspicious"', "James Steele"),
   ("ecbp-41bd8e329274", "potential arson", "James Steele"),
   ("ecbp-41bd8e329274", "Right now there's no indication that we have that there's any connection there.", "James Steele"),
   ("ecbp-41bd8e329274", "We just don't have any leads at all as far as the intent or motive in this", "James Steele"),
   ("ecbp-41bd8e329274", "was was set at the entrance of the church", "Associated Press"),
   ("ecbp-41bd8e329274", "Gov. Palin stopped by the church this morning, and she told an assistant pastor", "Sarah Palin|Bill McAllister"),
   ("ecbp-41bd8e329274", "Whatever the motives of the arsonist, the governor has faith", "Sarah Palin|Bill McAllister"),
   ("ecbp-1950e80e8f00", "Whatever the motives of the arsonist,", "Bill McAllister"),
   ("ecbp-1950e80e8f00", "the governor has faith in the scriptural passage that what was intended for evil", "Bill McAllister"),
   ("ecbp-1950e80e8f00", "help men and women dissatisfied with living homosexually", "the conference|Focus on the Family"),
  ],
  not_quotes=[("ecbp-b208e4270b01", "Love Won Out Conference"), ("ecbp-1950e80e8f00", "Love Won Out Conference")],
  relayed=[
   ("ecbp-6eb0e94b9ca7", "Alaska Gov. Sarah Palin reportedly apologized for the possibility the fire was related to her nomination.", "unnamed reports"),
   ("ecbp-6eb0e94b9ca7", "A ladies ' craft group was in the building when the fire broke out, but they got out safely, Kroon said.", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "Central Mat-Su Fire Department Chief James Steele said the department was", "James Steele"),
   ("ecbp-6eb0e94b9ca7", "The newspaper said Palin released a statement after the fire in which she said she stopped by the church Saturday morning", "Anchorage Daily News"),
   ("ecbp-6eb0e94b9ca7", "Steele said that as many as 40 firefighters from his and neighboring departments fought the blaze, which started about 9:40 p.m. Friday (1:40 a.m. ET Saturday).", "James Steele"),
   ("ecbp-6eb0e94b9ca7", "Firefighters were on the scene dealing with hot spots until about 5 a.m. Saturday, the Anchorage Daily News reported.", "Anchorage Daily News"),
   ("ecbp-6eb0e94b9ca7", "The metal church building, which normally accommodates Sunday congregations of up to 1,000 people, was heavily damaged by flames and smoke, Kroon said.", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "Kroon said the nondenominational church, which he described as", "Larry Kroon"),
   ("ecbp-6eb0e94b9ca7", "The pastor said church services would be held on schedule Sunday in a nearby school.", "Larry Kroon"),
   ("ecbp-b208e4270b01", "No one was hurt in the fire on Friday night although a handful of people, including two children, were inside the Wasilla Bible Church, said the Central Mat-Su fire chief, James Steele.", "James Steele"),
   ("ecbp-b208e4270b01", "Mr Steele said the blaze was being treated as arson, but he did not know of any threats to the church.", "James Steele"),
   ("ecbp-b208e4270b01", "Damage to the church was estimated at $US1 million ($1.52 million), authorities said.", "authorities"),
   ("ecbp-b208e4270b01", "Mr Steele said the fire was lit at the entrance and moved inward as a small group of women were working on crafts.", "James Steele"),
   ("ecbp-41bd8e329274", "Steele told the Anchorage Daily News that investigators are looking at the cause of the blaze as", "James Steele"),
   ("ecbp-41bd8e329274", "according to the Associated Press and was battled by firefighters for nearly eight hours before it was fully extinguished.", "Associated Press"),
   ("ecbp-41bd8e329274", "Reports are that five women were inside the building at the time of the fire.", "unnamed reports"),
   ("ecbp-41bd8e329274", "Palin is in Juneau today, but the Anchorage Daily News said her children were planning on attending services at the makeshift church.", "Anchorage Daily News"),
   ("ecbp-1950e80e8f00", "Damage to the Wasilla Bible Church was estimated at $1 million, authorities said Saturday.", "authorities"),
   ("ecbp-1950e80e8f00", "No one was injured in the fire, which was set Friday night while a handful of people, including two children, were inside, according to the Central Mat-Su fire chief, James Steele.", "James Steele"),
   ("ecbp-1950e80e8f00", "Chief Steele said that the blaze was being investigated as an arson but that he did not know of any recent threats to the church.", "James Steele"),
   ("ecbp-1950e80e8f00", "The authorities also did not know whether Ms. Palin's connection to the church was relevant to the fire, he said.", "James Steele"),
   ("ecbp-1950e80e8f00", "Her spokesman, Bill McAllister, said in a statement that the Alaska governor told an assistant pastor she was sorry if the fire was connected to her candidacy.", "Bill McAllister"),
   ("ecbp-1950e80e8f00", "The fire was set at the entrance of the church and moved inward as a small group of women were working on crafts, Chief Steele said.", "James Steele"),
  ],
  conflicts=[
   {"kind": "claim", "about": "whether children were among the people inside the church",
    "variants": [
     {"value": "all adults (a ladies' craft group)", "spans": {"ecbp-6eb0e94b9ca7": ["They were all adults, and they all got out."]}},
     {"value": "a handful of people, two children among them",
      "spans": {"ecbp-b208e4270b01": ["a handful of people, including two children, were inside the Wasilla Bible Church"],
                "ecbp-1950e80e8f00": ["a handful of people, including two children, were inside"]}}]},
   {"kind": "number", "about": "the outside temperature while firefighters fought the blaze",
    "variants": [
     {"value": "minus 17 degrees", "spans": {"ecbp-b208e4270b01": ["Firefighters fought the blaze in temperatures of minus 17 degrees."]}},
     {"value": "minus 20", "spans": {"ecbp-1950e80e8f00": ["Outside temperatures were minus 20 as firefighters battled the blaze."]}}]},
  ],
  not_conflicts=[
   "damage: '$1 million' (Kroon had 'heard the figure', authorities estimated it) and '$US1 million ($1.52 million)': the same figure, one converted",
   "the church: 'congregations of up to 1,000 people', '1000-member', '1,000-member'",
   "how long: started about 9:40 p.m., hot spots until about 5 a.m. (6eb0) vs 'nearly eight hours' (41bd): precision",
   "cause: 'An arsonist has badly damaged' / 'damaged by arson' vs 'treating it as suspicious and as potential arson', 'no idea what caused it': a firmer statement of the same suspicion, not two values",
   "'five women were inside' (41bd, reports) vs 'a small group of women' / 'a handful of people': precision",
   "Friday night / Friday evening",
  ]),
 "ecbp-18-ecb": dict(
  title="Ben Banky, TallGrass CEO, shot dead at the office Christmas party in Vancouver; Eric Kirkpatrick charged (2008-12)",
  articles=["ecbp-c9be2f2c4733", "ecbp-b8892ea4142f", "ecbp-7c67c4596b96"],
  quotes=[
   ("ecbp-c9be2f2c4733", "We saw the guy moving inside the office", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "He was just going back and forth.", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "I still feel shaky when I talk about it.", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "I just keep saying I can not believe this", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "deeply saddened by the tragic death of our president and CEO, Ben Banky.", "TallGrass"),
   ("ecbp-c9be2f2c4733", "a compassionate and dedicated leader who will be sadly missed.", "TallGrass"),
   ("ecbp-c9be2f2c4733", "The shock was tremendous but all the other people in the business", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "I can not emphasize enough how traumatic this would have been", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "We determined that there was nobody else in the building", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "It wasn't typical, crazy noise that sometimes happens.", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "lady running down the block screaming", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "All of a sudden, in my front yard there were five totally decked out", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "I tried to open up my door and they said", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "They cuffed him on the ground and they took him into a cruiser", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "He was giving them a bit of grief, he was saying that his cuffs hurt", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "They managed to stop any further loss of life.", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "I didn't realize it was a police officer right away because he was a plainclothes officer", "Mark Pinder"),
   ("ecbp-c9be2f2c4733", "But then I saw that he had a weapon drawn.", "Mark Pinder"),
   ("ecbp-c9be2f2c4733", "People grabbed a couple of bowls of chips and dip", "Mark Pinder"),
   ("ecbp-c9be2f2c4733", "Some people seemed quite concerned but there wasn't anyone freaking out or crying", "Mark Pinder"),
   ("ecbp-c9be2f2c4733", "Everyone was calling their family and making sure that people knew that they were okay.", "Mark Pinder"),
   ("ecbp-c9be2f2c4733", "It's something no business can prepare for", "Tim Fanning"),
   ("ecbp-b8892ea4142f", "He was incredibly bright, a very caring person and incredibly family-oriented", "Nancy O'Higgins"),
   ("ecbp-b8892ea4142f", "They weren't married very long, just a couple of years.", "Nancy O'Higgins"),
   ("ecbp-b8892ea4142f", "That was how Ben and Linda knew each other.", "Nancy O'Higgins"),
   ("ecbp-b8892ea4142f", "I was so incredibly impressed that he spoke Mandarin", "Nancy O'Higgins"),
   ("ecbp-b8892ea4142f", "He spoke a few languages and could play any instrument made by man", "John Banky"),
   ("ecbp-b8892ea4142f", "not doing very well.", "Richard Fowler"),
   ("ecbp-b8892ea4142f", "He is placed in a double bunk with somebody who is withdrawing from drugs.", "Richard Fowler"),
   ("ecbp-b8892ea4142f", "He's presumed innocent and he should be treated better.", "Richard Fowler"),
   ("ecbp-b8892ea4142f", "They are a very close family.", "Lon Wood"),
   ("ecbp-b8892ea4142f", "The shock was tremendous but all the other people in the business", "Tim Fanning"),
   ("ecbp-7c67c4596b96", "A man who apparently had just been let go from his job there came in, shot and killed another man", "Tim Fanning"),
   ("ecbp-7c67c4596b96", "There was at least a dozen other people on the scene.", "Tim Fanning"),
   ("ecbp-7c67c4596b96", "Our negotiators got on the phone with him right away", "Tim Fanning"),
   ("ecbp-7c67c4596b96", "There was someone in the building and they were trying to get him out", "Nigel Hacker"),
   ("ecbp-7c67c4596b96", "I tried not to listen.", "Nigel Hacker"),
   ("ecbp-7c67c4596b96", "It wasn't emotional from this end", "Nigel Hacker"),
   ("ecbp-7c67c4596b96", "Everything seemed under control.", "Nigel Hacker"),
   ("ecbp-7c67c4596b96", "We have been asked by the police to stay away from the windows", "John Christie"),
   ("ecbp-7c67c4596b96", "We're having an office party anyway so we're just staying out of the way, undercover.", "John Christie"),
  ],
  not_quotes=[],
  relayed=[
   ("ecbp-c9be2f2c4733", "A woman ran screaming from the office of TallGrass Distribution after four loud pops were heard in the quiet Vancouver street, said Faud Ali", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "the woman ran to the auto shop to call police, Mr. Ali said Saturday.", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "Looking through the windows across the street, Mr. Ali told The Canadian Press he could see a man striding back and forth, holding what looked like a firearm.", "Faud Ali"),
   ("ecbp-c9be2f2c4733", "The statement said Mr. Banky co-founded the company 12 years ago.", "TallGrass"),
   ("ecbp-c9be2f2c4733", "It said the company would have no further comment while the police investigation continues.", "TallGrass"),
   ("ecbp-c9be2f2c4733", "A 61-year-old Vancouver man - Eric Allen Kirkpatrick - was charged Saturday with one count of first-degree murder in connection with the shooting, Vancouver police said.", "Vancouver police"),
   ("ecbp-c9be2f2c4733", "Vancouver Police spokesman Constable Tim Fanning said the suspect had been let go from TallGrass on Thursday.", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "The other people at the office party were able to escape without injury, Const. Fanning said.", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "The shocked party-goers were put on buses and taken to police headquarters where witness statements were taken, he said.", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "Police were called immediately and surrounded the building, Const. Fanning said.", "Tim Fanning"),
   ("ecbp-c9be2f2c4733", "Luke Pigeon, who lives in an apartment building next door, said he didn't hear a gunshot but was drawn to his window by a commotion outside.", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "He said she ran into the auto repair shop and in what seemed like mere minutes, police were on the scene.", "Luke Pigeon"),
   ("ecbp-c9be2f2c4733", "Work place killings are rare, police say.", "police"),
   ("ecbp-b8892ea4142f", "She said Ben and his wife grew up as neighbours on Hornby Island.", "Nancy O'Higgins"),
   ("ecbp-b8892ea4142f", "She said he travelled to China for awhile, where he studied Mandarin and was quite fluent.", "Nancy O'Higgins"),
   ("ecbp-b8892ea4142f", "His lawyer, Richard Fowler, told the court his client is on suicide watch at the North Fraser Pretrial Centre in Port Coquitlam.", "Richard Fowler"),
   ("ecbp-b8892ea4142f", "Fowler described conditions at the centre as unacceptable, saying his client is double-bunked with a man who is withdrawing from a drug addiction and the cell is cold.", "Richard Fowler"),
   ("ecbp-b8892ea4142f", "John Paul Fraser of National Public Relations, which is working for TallGrass, said the family is not speaking publicly yet.", "John Paul Fraser"),
   ("ecbp-b8892ea4142f", "Tim Fanning said Kirkpatrick had been let go from TallGrass on Thursday.", "Tim Fanning"),
   ("ecbp-b8892ea4142f", "The other people at the office party were able to escape without injury, Fanning said.", "Tim Fanning"),
   ("ecbp-7c67c4596b96", "A former employee walked into a staff Christmas party at an east Vancouver health products business Friday and shot and killed a man, according to police.", "police"),
   ("ecbp-7c67c4596b96", "Police said they were called to Tallgrass Distributors Ltd., in the central Mount Pleasant neighbourhood, where a man carrying a firearm had confronted the crowd.", "police"),
   ("ecbp-7c67c4596b96", "Fanning couldn't say if anyone else was in the building at the time, but said no one else was injured.", "Tim Fanning"),
   ("ecbp-7c67c4596b96", "Nigel Hacker said he looked outside his nearby office at about 4:20 p.m. to see the street cordoned off.", "Nigel Hacker"),
   ("ecbp-7c67c4596b96", "John Christie said employees were planning to hold an office party upstairs when someone heard shots fired and the police came knocking at their door.", "John Christie"),
   ("ecbp-7c67c4596b96", "Christie said the police, who placed an undercover officer at Paperny's front door, weren't pleased when some office workers fled through the back alley to get home.", "John Christie"),
   ("ecbp-7c67c4596b96", "TallGrass claims it is the fastest-growing natural-health-product supplier to the Natural Health Industry in Canada.", "TallGrass"),
  ],
  conflicts=[],
  not_conflicts=[
   "how many fled: 'about a dozen coworkers' (c9be), 'a dozen other people' (Fanning), 'at least a dozen other people' (Fanning, 7c67): precision",
   "'Fanning couldn't say if anyone else was in the building' (7c67) vs 'We determined that there was nobody else in the building' (Fanning, c9be): not knowing yet vs knowing, not two values",
   "the company: 'TallGrass Distribution' / 'TallGrass Distribution Ltd.' / 'Tallgrass Distributors Ltd.': a spelling of one name",
   "arrested Friday after two hours (b889, 7c67) / charged Saturday (c9be): two acts",
   "the suspect 'had been let go from TallGrass on Thursday' / 'had just been let go from his job': precision",
  ]),
 "ecbp-21-ecbplus": dict(
  title="Raj Chohan, 59, killed by a drunk hit-and-run driver in Richmond Hill, Queens; Vishwanand Subryan charged (2013-09-13)",
  articles=["ecbp-a4429ff5fd59", "ecbp-ec439fc83780", "ecbp-a95d3254d9b0", "ecbp-7aa69a8ed758"],
  quotes=[
   ("ecbp-a4429ff5fd59", "We are really just shocked", "Ravi Singh"),
   ("ecbp-a4429ff5fd59", "She was so nice.", "Ravi Singh"),
   ("ecbp-a4429ff5fd59", "He should be punished, in jail, for the rest of his life", "Ravi Singh"),
   ("ecbp-a4429ff5fd59", "We were a very close family.", "Ravi Singh"),
   ("ecbp-a4429ff5fd59", "The grandkids were her whole life and joy", "unnamed"),
   ("ecbp-a4429ff5fd59", "She was a very caring person.", "unnamed"),
   ("ecbp-ec439fc83780", "The husband and wife came to visit", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "He was with her when it happened.", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "son came out, he saw her on the floor", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "The cars come straight from 103rd Avenue.", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "This is just a side street.", "Suri Charanjit"),
   ("ecbp-a95d3254d9b0", "Oh man, she was bad", "unnamed"),
   ("ecbp-a95d3254d9b0", "There was nothing we could do.", "unnamed"),
   ("ecbp-a95d3254d9b0", "My wife was getting ready to go out with the kid", "unnamed"),
   ("ecbp-a95d3254d9b0", "When I went to check, I saw the lady lying on the floor", "unnamed"),
   ("ecbp-7aa69a8ed758", "I see a person lying down.", "Mahadeo Rambrich"),
   ("ecbp-7aa69a8ed758", "What did the person look like when you saw her lying on the ground?", "Eyewitness News"),
   ("ecbp-7aa69a8ed758", "Not responding.", "Mahadeo Rambrich"),
  ],
  not_quotes=[],
  relayed=[
   ("ecbp-a4429ff5fd59", "was mowed down by a drunken hit - and - run driver, cops and family said.", "police and family"),
   ("ecbp-a4429ff5fd59", "heading north on 117th St. near 97th Ave. about 7 p. m., police said.", "police"),
   ("ecbp-ec439fc83780", "was charged with driving drunk, police and the woman ' s friend said.", "police and a friend"),
   ("ecbp-ec439fc83780", "Raj K. Chohan was walking alongside parked cars on 117th Street and 97th Avenue at about 7 p. m. when she was struck by a gray 2013 Toyota Camry, which then sped off, according to cops.", "police"),
   ("ecbp-ec439fc83780", "Charanjit said he and his family came out of their home on 117th Street and saw a crowd of people gathered and EMS performing CPR on Chohan.", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "Emergency responders were called in and took Chohan to Jamaica Hospital, where she was later pronounced dead, the NYPD said.", "NYPD"),
   ("ecbp-ec439fc83780", "Residents along 117th Street said a police cruiser happened to be pulled over on the side of the road near where the crash occurred, and immediately chased the vehicle.", "residents"),
   ("ecbp-ec439fc83780", "Police said the officers caught up with 23 - year - old Vishwanand Subryan of Schenectady a few blocks away", "police"),
   ("ecbp-ec439fc83780", "leaving the scene of an accident resulting in death and DWI, the NYPD said.", "NYPD"),
   ("ecbp-ec439fc83780", "had been in her former neighborhood to visit Piara Singh, according to Charanjit who translated for Singh.", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "She had moved about a mile and a half away five or six years ago, her friend said.", "Suri Charanjit"),
   ("ecbp-ec439fc83780", "recently arrived from India, and present her with gifts, he explained.", "Suri Charanjit"),
   ("ecbp-a95d3254d9b0", "died when a drunken driver struck her with his car and then drove off, police said.", "police"),
   ("ecbp-a95d3254d9b0", "when she was hit by a 2013 Toyota Camry, which then fled, police told 1010 WINS", "police"),
   ("ecbp-7aa69a8ed758", "Raj Chohan was hit while walking along parked cars at 97th Avenue and 117th Street in Richmond Hill at about 7 p. m.", "investigators"),
   ("ecbp-7aa69a8ed758", "Police say she was struck by a grey Toyota Camry heading north on 117th Street, which then fled the scene.", "police"),
   ("ecbp-7aa69a8ed758", "Eyewitness News has learned from people in the neighborhood that the victim is originally from Punjab, India.", "people in the neighborhood"),
  ],
  conflicts=[
   {"kind": "number", "about": "how far from the crash the victim lived",
    "variants": [
     {"value": "half a mile", "spans": {"ecbp-a4429ff5fd59": ["lived half a mile away in South Ozone Park"]}},
     {"value": "about a mile and a half", "spans": {"ecbp-ec439fc83780": ["She had moved about a mile and a half away five or six years ago"]}}]},
   {"kind": "claim", "about": "why the victim was on the street: on her way to a religious service, or visiting a former neighbor",
    "variants": [
     {"value": "on her way to a religious service at a Sikh temple",
      "spans": {"ecbp-a4429ff5fd59": ["as she was on her way to attend religious services on Friday",
                                      "A grandmother crossing a Queens street to attend a religious service Friday",
                                      "was walking alongside other parked vehicles toward a Sikh temple"]}},
     {"value": "visiting a former neighbor (Piara Singh) to greet his new daughter-in-law",
      "spans": {"ecbp-ec439fc83780": ["while visiting a former neighbor to welcome his new daughter - in - law to the family Friday evening",
                                      "had been in her former neighborhood to visit Piara Singh"],
                "ecbp-7aa69a8ed758": ["She was in the neighborhood visiting someone."]}}]},
   {"kind": "claim", "about": "the officer who saw the driver flee: on foot patrol, or in a parked cruiser",
    "variants": [
     {"value": "a cop patrolling on foot", "spans": {"ecbp-a4429ff5fd59": ["A cop patrolling on foot happened to see the fleeing vehicle"]}},
     {"value": "officers in a police car parked nearby",
      "spans": {"ecbp-ec439fc83780": ["a police cruiser happened to be pulled over on the side of the road near where the crash occurred"],
                "ecbp-a95d3254d9b0": ["A police officer that was parked nearby and witnessed the incident chased after the car"]}}]},
  ],
  not_conflicts=[
   "the charges: four (a442, ec43, 7aa6) vs three (a95d leaves out criminally negligent homicide): one outlet lists fewer",
   "the car: 'gray 2013 Toyota Camry' / 'grey Toyota Camry' / '2013 Toyota Camry': precision",
   "where: 117th St. near 97th Ave. / 117th Street and 97th Avenue / Richmond Hill / South Richmond Hill / Queens: precision",
   "'mother of two' (a95d) / 'mother to a married son and daughter' (ec43) / lived with 'her husband, son and two grandkids' (a442): compatible",
   "pronounced dead at Jamaica Hospital / rushed to Jamaica Hospital, where she later died",
   "where the driver was stopped: 115th St. and 101st Ave. / 'a few blocks away' / 'several blocks away': precision",
  ]),
 "ecbp-36-ecb": dict(
  title="Winston Blackmore and James Oler of Bountiful, B.C., arrested and charged with polygamy (2009-01)",
  articles=["ecbp-5135c0111700", "ecbp-2d9c4ea7919b", "ecbp-9ef1f4da744b"],
  quotes=[
   ("ecbp-5135c0111700", "\"intensive\"", "Wally Oppal"),
   ("ecbp-5135c0111700", "Mr. Blackmore it is alleged that he has committed polygamy with approximately 20 people", "Wally Oppal"),
   ("ecbp-5135c0111700", "And as far as Oler is concerned it is alleged that he has committed polygamy with two women.", "Wally Oppal"),
   ("ecbp-5135c0111700", "I am pleased a prosecution will be proceeding", "Wally Oppal"),
   ("ecbp-5135c0111700", "We all know this is a cult and we have to do something", "Audrey Vance"),
   ("ecbp-5135c0111700", "\"several\"", "Winston Blackmore"),
   ("ecbp-2d9c4ea7919b", "This has been a very complex issue", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "It's been with us for well over 20 years.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "I've always disagreed with that", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "I've always taken the position that's a valid offence in law.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "because of the exploitation of women and children.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "It can not possibly be about polygamy", "Winston Blackmore"),
   ("ecbp-2d9c4ea7919b", "It must be about his own religious bias", "Winston Blackmore"),
   ("ecbp-9ef1f4da744b", "It's for polygamy", "unnamed"),
   ("ecbp-9ef1f4da744b", "The defendants should raise any constitutional issues", "Wally Oppal"),
   ("ecbp-9ef1f4da744b", "I'm shocked.", "Mary Batchelor"),
   ("ecbp-9ef1f4da744b", "I'm amazed they are actually doing that.", "Mary Batchelor"),
   ("ecbp-9ef1f4da744b", "Since we are not hiding we are not hard to find", "Winston Blackmore"),
   ("ecbp-9ef1f4da744b", "It is hard to think that Canada, the home of free lovers", "Winston Blackmore"),
  ],
  not_quotes=[("ecbp-5135c0111700", "\"wives\""), ("ecbp-5135c0111700", "spiritual marriages")],
  relayed=[
   ("ecbp-5135c0111700", "Winston Blackmore, 52, and James Oler, 44, were arrested by RCMP on Tuesday, Attorney General Wally Oppal said at a news conference Wednesday.", "Wally Oppal"),
   ("ecbp-5135c0111700", "seven-month investigation, Oppal said.", "Wally Oppal"),
   ("ecbp-5135c0111700", "Oler has been charged with the same crime on Nov. 1, 2004, according to provincial court files.", "court files"),
   ("ecbp-5135c0111700", "At a polygamy summit in 2006, Blackmore admitted that he had had", "Winston Blackmore"),
   ("ecbp-5135c0111700", "However, people within the community have confirmed that Oler has at least three wives, several of whom were in their teens when they were assigned to him in placement marriages by Jeffs.", "people within the community"),
   ("ecbp-2d9c4ea7919b", "B.C. Attorney General Wally Oppal confirmed that Winston Blackmore and James Oler were arrested Wednesday.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "Oppal said Blackmore is alleged to be married to 20 women, while Oler is accused of committing polygamy by being married to two women.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "Oppal said some legal experts have believed that a charge for practising polygamy wouldn't withstand a Charter of Rights challenge over the issue of freedom of religion.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "He said he's pleased a prosecution will proceed, providing some clarity to whether the law will be upheld by the courts.", "Wally Oppal"),
   ("ecbp-2d9c4ea7919b", "Sgt. Tim Shields told reporters that Creston RCMP began an investigation into allegations of polygamy and sexual exploitation in the fall of 2005.", "Tim Shields"),
   ("ecbp-2d9c4ea7919b", "A follow-up investigation began last September and the two men were arrested this morning and taken to the RCMP detachment in Cranbrook, B.C., Shields said.", "Tim Shields"),
   ("ecbp-2d9c4ea7919b", "Officials at the Mormon Hills School in Bountiful, where Blackmore is the superintendent, said he was arrested Wednesday.", "school officials"),
   ("ecbp-2d9c4ea7919b", "Blackmore has said he has tried to meet with Oppal in the past, but that the attorney general has refused.", "Winston Blackmore"),
   ("ecbp-9ef1f4da744b", "One of the wives of former Fundamentalist LDS Church leader Winston Blackmore confirmed his arrest Wednesday.", "one of Blackmore's wives"),
   ("ecbp-9ef1f4da744b", "She also said FLDS bishop Jim Oler was also arrested.", "one of Blackmore's wives"),
   ("ecbp-9ef1f4da744b", "The Royal Canadian Mounted Police said they began their investigation in 2005 and revisited it earlier this year after a special prosecutor recommended charges.", "RCMP"),
   ("ecbp-9ef1f4da744b", "said RCMP Sgt. Tim Shields.", "Tim Shields"),
   ("ecbp-9ef1f4da744b", "Batchelor said she had been in contact with some of Blackmore's wives, whom she said were understandably upset.", "Mary Batchelor"),
  ],
  conflicts=[
   {"kind": "date", "about": "the day the two men were arrested",
    "variants": [
     {"value": "Tuesday", "spans": {"ecbp-5135c0111700": ["were arrested by RCMP on Tuesday"]}},
     {"value": "Wednesday", "spans": {"ecbp-2d9c4ea7919b": ["Winston Blackmore and James Oler were arrested Wednesday",
                                                           "said he was arrested Wednesday"]}}]},
   {"kind": "number", "about": "how many wives James Oler has",
    "variants": [
     {"value": "two", "spans": {"ecbp-9ef1f4da744b": ["noting that Blackmore has 20 wives and Oler has two"]}},
     {"value": "at least three", "spans": {"ecbp-5135c0111700": ["Oler has at least three wives"]}}]},
  ],
  not_conflicts=[
   "Blackmore's wives: 'has had 26 wives' (5135, over his life) vs 'has 20 wives' / 'approximately 20' / 'alleged to be married to 20 women' (the charge): had over time vs has now",
   "Blackmore's children: 'more than 100' (5135) vs 'dozens of children' (2d9c): precision",
   "'intensive' seven-month investigation (5135) vs investigation since the fall of 2005, follow-up since last September (2d9c): the latest stage vs the whole",
   "the charges 'filed Tuesday' (9ef1) / 'were to appear in court Wednesday' (5135, 2d9c) / to be 'released ... late Wednesday pending a future court appearance' (9ef1): different acts",
   "Oler: 'bishop of the FLDS' (5135), 'FLDS bishop Jim Oler' (9ef1), 'leader of the other group' (2d9c)",
   "Blackmore: ousted (5135) / excommunicated (9ef1) in 2002",
  ]),
 "ecbp-33-ecbplus": dict(
  title="Video of Zurana Horton's killing in Brownsville shown at the trial of Andrew Lopez and Jonathan Carrasquillo (2013-04-11)",
  articles=["ecbp-49557595b8f7", "ecbp-b330dc6612cc", "ecbp-91444b72fd7c"],
  quotes=[
   ("ecbp-49557595b8f7", "I saw her fall back...", "Unique Armstead"),
   ("ecbp-49557595b8f7", "he has a gun", "unnamed"),
   ("ecbp-49557595b8f7", "I thought it was a brick but it was a bullet", "Unique Armstead"),
   ("ecbp-49557595b8f7", "I told my son,", "Unique Armstead"),
   ("ecbp-49557595b8f7", "He's a menace to society.", "Denise Peace"),
   ("ecbp-49557595b8f7", "The man is petrified", "Vincent DelGiudice"),
   ("ecbp-49557595b8f7", "The man is an emotional wreck.", "Vincent DelGiudice"),
   ("ecbp-b330dc6612cc", "I saw her fall back...", "Unique Armstead"),
   ("ecbp-b330dc6612cc", "He has a gun", "unnamed"),
   ("ecbp-b330dc6612cc", "I thought it was a brick but it was a bullet", "Unique Armstead"),
   ("ecbp-b330dc6612cc", "I told my son, I think I'm shot.", "Unique Armstead"),
   ("ecbp-b330dc6612cc", "The man is petrified", "Vincent DelGiudice"),
   ("ecbp-b330dc6612cc", "The man is an emotional wreck.", "Vincent DelGiudice"),
   ("ecbp-91444b72fd7c", "At the time, I thought it was a brick, but it was a bullet", "Unique Armstead"),
   ("ecbp-91444b72fd7c", "\"Yes. \"", "Unique Armstead"),
   ("ecbp-91444b72fd7c", "When me and my son were on the floor, I noticed Mrs. Horton fall down.", "Unique Armstead"),
   ("ecbp-91444b72fd7c", "I speed - walked to my son, and I held him.", "Unique Armstead"),
   ("ecbp-91444b72fd7c", "The man is an emotional wreck", "Vincent Del Giudice"),
  ],
  not_quotes=[],
  relayed=[
   ("ecbp-49557595b8f7", "Andrew Lopez, 20, is accused of firing indiscriminately at rival gang members from a nearby rooftop.", "prosecutors"),
   ("ecbp-49557595b8f7", "who allegedly instructed Lopez to take care of their enemies, is also on trial for murder.", "prosecutors"),
   ("ecbp-49557595b8f7", "Armstead, 32, testified that after she overheard someone say", "Unique Armstead"),
   ("ecbp-49557595b8f7", "They stepped out less than a minute later when it looked like the threat was over, she said, but then shots started to ring out.", "Unique Armstead"),
   ("ecbp-49557595b8f7", "Lopez is accused of spraying 13 shots on a Friday afternoon, just as schools were being let out.", "prosecutors"),
   ("ecbp-49557595b8f7", "Horton's mother, Denise Peace, said she is now caring for five of her daughter's orphaned kids while their father is looking after seven others.", "Denise Peace"),
   ("ecbp-49557595b8f7", "The trial will resume Monday with testimony from a man who purportedly told prosecutors he has been threatened with death by Lopez's brother.", "the witness"),
   ("ecbp-49557595b8f7", "But Justice Vincent DelGiudice made clear the witness is reluctant to take the stand.", "Vincent DelGiudice"),
   ("ecbp-b330dc6612cc", "Video of Brooklyn Mother of 13 Zurana Horton shot and killed in a gang shooting was revealed Thursday, according to the N. Y. Daily News.", "Daily News"),
   ("ecbp-b330dc6612cc", "Twenty - year - old Andrew Lopez has been accused of carelessly firing at rival gang members from a rooftop.", "prosecutors"),
   ("ecbp-b330dc6612cc", "Half - brother Jonathan Carrasquillo is suspected of having directed Lopez to kill their enemies.", "prosecutors"),
   ("ecbp-b330dc6612cc", "Armstead said she heard someone say,", "Unique Armstead"),
   ("ecbp-b330dc6612cc", "When the coast seemed clear, they reportedly went back out, which is when the shots began.", "unnamed reports"),
   ("ecbp-b330dc6612cc", "The trial is scheduled to resume Monday, with testimony from a man who claims Lopez's brother threatened to kill him; he is reportedly scared to take the stand.", "the witness"),
   ("ecbp-91444b72fd7c", "fired from the rooftop on the orders of his brother Jonathan Carrasquillo, 24, prosecutors charge.", "prosecutors"),
   ("ecbp-91444b72fd7c", "Armstead also testified that she heard a group of young men arguing about a gun shortly before the shooting", "Unique Armstead"),
   ("ecbp-91444b72fd7c", "Armstead said she sought safety for herself and her son in a store, but when activity on the street seemed to have settled, she walked back outside", "Unique Armstead"),
   ("ecbp-91444b72fd7c", "The fearful witness had entered the courtroom with hood over his head, Del Giudice said when the courtroom was reopened.", "Vincent Del Giudice"),
  ],
  conflicts=[
   {"kind": "number", "about": "how many children Zurana Horton had",
    "variants": [
     {"value": "12", "spans": {"ecbp-49557595b8f7": ["a Brooklyn mother of 12 was killed in a gang shootout"],
                               "ecbp-91444b72fd7c": ["Horton, 34, was walking with one of her 12 children"]}},
     {"value": "13", "spans": {"ecbp-b330dc6612cc": ["Video of Brooklyn Mother of 13 Zurana Horton shot and killed in a gang shooting"]}}]},
  ],
  not_conflicts=[
   "the time: 'after 2 p. m.' / '2: 18 p. m.' / 'Around 2: 18 p. m.': precision",
   "Carrasquillo: 'half-brother' (4955, b330) vs 'his brother' (9144): precision",
   "what Armstead heard: someone say 'he has a gun' vs 'a group of young men arguing about a gun': compatible",
   "where she took refuge: 'a corner bodega' / 'a nearby corner bodega' / 'a store'",
   "the video shown 'Thursday' (4955, b330) / 'yesterday' (9144, dated Friday April 12)",
   "Armstead 'shot in the left arm' / 'a gunshot wound to her left arm' / 'a bullet went straight through her arm'",
   "the judge 'DelGiudice' / 'Del Giudice': spelling",
  ]),
}


def _pattern(span: str) -> re.Pattern:
    out = []
    for ch in span:
        if ch in "'’‘`":
            out.append("['’‘`]")
        elif ch in '"“”':
            out.append('["“”]')
        elif ch.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out))


def resolve(texts: dict, aid: str, span: str) -> str:
    m = _pattern(span).search(texts[aid])
    if m is None:
        raise SystemExit(f"not in {aid}: {span!r}")
    return m.group(0)


def main() -> None:
    rows = {}
    with open(DATA / "stories-dev2" / "ecbplus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows[r["id"]] = r
    for story, s in STORIES.items():
        texts = {a: rows[a]["text"] for a in s["articles"]}
        assert all(rows[a]["story"] == story for a in s["articles"]), story
        name = "ecb-" + story.removeprefix("ecbp-") + ".json"
        speakers = {"story": story, "source": "stories-dev2/ecbplus.jsonl", "title": s["title"], "written": WRITTEN,
                    "articles": s["articles"],
                    "quotes": [[a, resolve(texts, a, w), sp] for a, w, sp in s["quotes"]],
                    "not_quotes": [[a, resolve(texts, a, w)] for a, w in s["not_quotes"]],
                    "relayed": [{"article": a, "span": resolve(texts, a, w), "source": src} for a, w, src in s["relayed"]]}
        conflicts = {"story": story, "source": "stories-dev2/ecbplus.jsonl", "title": s["title"], "written": WRITTEN,
                     "articles": s["articles"],
                     "conflicts": [dict(c, variants=[dict(v, spans={a: [resolve(texts, a, w) for w in ws]
                                                                  for a, ws in v["spans"].items()})
                                                     for v in c["variants"]]) for c in s["conflicts"]],
                     "not_conflicts": s["not_conflicts"]}
        (HERE / name).write_text(json.dumps(speakers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (HERE.parent / "conflicts" / name).write_text(json.dumps(conflicts, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")
        print(name, len(speakers["quotes"]), "quotes", len(speakers["not_quotes"]), "not quotes",
              len(speakers["relayed"]), "relayed", len(conflicts["conflicts"]), "conflicts")


if __name__ == "__main__":
    main()
