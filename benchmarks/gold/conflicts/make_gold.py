import json
W = "by hand from the three articles, before any newsprism run on them (conflict gold, 2026-12-06)"
golds = {
 "basil-86e6e27d": dict(title="Rashida Tlaib's profane impeachment vow; Pelosi, Trump and Ocasio-Cortez respond (2019-01-04/05)", conflicts=[],
   compatible=["where Tlaib spoke: a celebration at a bar near the Capitol (NYT), an event hosted by MoveOn (HuffPost), 'in a bar' (Ocasio-Cortez, Fox)",
               "Trump's Friday tweets: NYT and HuffPost quote two different tweets",
               "Pelosi's MSNBC town hall: at Trinity University (NYT), with Joy Reid, to air Friday evening (HuffPost)",
               "'one of the first Muslims in Congress' (NYT) vs 'one of the first Muslim women in Congress' (HuffPost)",
               "wording of Tlaib's quote ('I said' / 'I say', 'Momma' / 'Mama'): quote variants",
               "Trump's account of Pelosi's words vs her aides' account: both in the NYT only (not across outlets)"]),
 "basil-df5fe55a": dict(title="Summers warns of a double dip without the tax deal; Biden lobbies House Democrats (2010-12-08)", conflicts=[],
   compatible=["where Summers spoke: a briefing with Gibbs and Axelrod (NYT), at the White House (Fox), an off-camera briefing (HuffPost)",
               "Biden's visit: planned for the afternoon around 4:30 p.m. (NYT), traveled to the Capitol Wednesday (Fox)",
               "letters: Welch's letter with close to three dozen signers (NYT) and DeFazio's letter seeking 60 signatures (Fox) are two letters",
               "Summers' quote: 'To pass this bill' (Fox) vs 'If they don't pass this bill' (HuffPost): a quote wording variant (a likely typo), not scored",
               "economists revised forecasts up (NYT) / predict higher job growth (Fox)"]),
 "basil-a28a0329": dict(title="The House reads the Constitution aloud, skipping superseded parts (2011-01-06)", conflicts=[
   {"kind": "claim", "about": "whether the whole Constitution, all 27 amendments included, was read aloud",
    "variants": [
      {"value": "all seven articles and 27 amendments were read (in full)",
       "spans": {"basil-a28a0329-hpo": ["volunteers gave voice to the seven articles and 27 amendments that make up the nation’s governing document"]}},
      {"value": "superseded parts (and the superseded amendments, e.g. the 18th) were not read",
       "spans": {"basil-a28a0329-nyt": ["any portion of the Constitution that was superseded by amendments — including the amendments themselves — would not be read"],
                 "basil-a28a0329-fox": ["didn't recite every verse and article of the document because Republicans decided that the obsolete parts can be skipped since they've been superseded by amendment",
                                        "lawmakers did not read the 18th Amendment"]}}]}],
   compatible=["cost: '$1.1 million' (HuffPost, Vanity Fair) vs 'more than $1 million' (Fox): a difference of precision",
               "first reading on the House floor: NYT (the Historian's office found no earlier reading), Fox, HuffPost (the Post) agree",
               "Goodlatte came up with the idea (NYT) and presided over the reading (Fox)"]),
 "basil-b7021938": dict(title="House Intelligence Republicans demand Adam Schiff's resignation (2019-03-28)", conflicts=[],
   compatible=["the Mueller probe: '22-month investigation' (NYT), 'nearly two-year probe' (HuffPost), 'two years' (Trump): precision",
               "Schiff's 'Undoubtedly there is collusion' to the Post: 'on Tuesday' (HuffPost), after Barr's summary 'was released Sunday' (Fox)",
               "the letter: signed by every Republican on the committee (Fox, NYT), 'all nine' (HuffPost)",
               "the letter's wording 'duty as Chairman' / 'duties as chairman': quote variant",
               "what Mueller found: 'no evidence of collusion' (Fox) vs 'did not determine ... conspired' (HuffPost) / 'had not found' (NYT): stronger wording, not two values that exclude each other"]),
 "basil-c99adbdd": dict(title="Raul Labrador runs against Kevin McCarthy for House majority leader (2014-06-13)", conflicts=[],
   compatible=["the vote: June 19 (Fox) is the Thursday (HuffPost, NYT)",
               "Steve King: said Thursday Labrador was not conservative enough (HuffPost), tweeted Friday 'Labrador is pro amnesty' (Fox): two acts",
               "Labrador's terms: since 2010 (Fox), two-term (HuffPost), barely two terms (NYT)",
               "immigration attorney (Fox, HuffPost) / immigration lawyer (NYT)"]),
 "basil-f688c56d": dict(title="Trump says he will end birthright citizenship by executive order (2018-10-30/31)", conflicts=[
   {"kind": "claim", "about": "whether the U.S. is the only country that grants citizenship by birth (Trump's claim, corrected by every outlet)",
    "variants": [
      {"value": "the only country in the world (Trump)",
       "spans": {"basil-f688c56d-nyt": ["We’re the only country in the world where a person comes in and has a baby"],
                 "basil-f688c56d-hpo": ["the U.S. is “the only country in the world” that offers citizenship to those born here"],
                 "basil-f688c56d-fox": ["we’re the only country in the world where a person comes in, has a baby"]}},
      {"value": "at least / more than 30 other countries, Canada and Mexico among them",
       "spans": {"basil-f688c56d-nyt": ["at least 30 other countries, including Canada, Mexico and many others in the Western Hemisphere, grant automatic birthright citizenship"],
                 "basil-f688c56d-hpo": ["More than 30 nations, including Canada and Mexico, have similar policies"],
                 "basil-f688c56d-fox": ["The U.S. is not the only country to grant birthright citizenship, with Canada and a number of Latin American countries also doing so"]}}]}],
   compatible=["troops: 'more than 5,000' (NYT) vs 5,200 (HuffPost): precision",
               "other countries: 'at least 30' (NYT) vs 'more than 30' (HuffPost): precision",
               "the Axios interview: taped Monday (HuffPost), released in part Tuesday (NYT), emerged Tuesday (Fox)",
               "whether an executive order can do it (Trump: yes; Ryan, scholars: no): a disagreement of legal opinion that every outlet reports, not two facts",
               "wording of the 14th Amendment and of Ryan's words: quote variants"]),
}
W2 = ("by hand from the three articles, before any conflict output of newsprism on them was seen (round 2, "
      "2026-12-06; the comparison had been run on them for the speaker gold, its quotes only looked at)")
golds.update({
 "basil-526cabb7": dict(written=W2, title="Obama's gun violence plan after Newtown: previewed Monday, unveiled Wednesday (2013-01-14/16)", conflicts=[
   {"kind": "number", "about": "how many executive actions the plan holds",
    "variants": [
      {"value": "19", "spans": {"basil-526cabb7-nyt": ["lay out 19 separate actions the president could take by invoking the power of his office",
                                                     "19 independent steps that the president can take by executive order."]}},
      {"value": "23", "spans": {"basil-526cabb7-fox": ["23 steps he took without congressional action"],
                               "basil-526cabb7-hpo": ["23 executive actions that will be taken immediately"]}}]}],
   compatible=["background checks for 'nearly all gun sales' with 'limited' exemptions (Fox) vs 'for all gun sales' (HuffPost): a difference of precision",
               "executive actions 'nearly two-dozen' (Fox) vs 23 (Fox, HuffPost): precision",
               "the ATF nominee: 'Todd Jones' (Fox) / 'Byron Todd Jones' (HuffPost)",
               "$4 billion for hiring police officers (Fox) / $4 billion to keep 15,000 cops on the streets (HuffPost)",
               "when the plan is shown: 'as soon as Wednesday' (NYT, written Monday), Wednesday (Fox, HuffPost)",
               "Harry Reid: a longtime supporter of gun rights (NYT), said 'all options should be on the table' (Fox)"]),
 "basil-aab91277": dict(written=W2, title="Roger Stone indicted and arrested in the Mueller investigation (2019-01-25)", conflicts=[],
   compatible=["Stone and Assange: 'has previously admitted to being in contact' (HuffPost) vs he changed his story, 'saying that he was not actually speaking to Mr. Assange' (NYT): two statements of Stone at different times",
               "agents: 'more than a dozen special agents' (Fox) vs Stone's '29 FBI agents' (Fox, quoted): one article, a vaguer vs a precise value",
               "the home: Fort Lauderdale, Fla. (NYT, HuffPost) / Florida (Fox); a search of a New York City apartment (HuffPost) / his apartment in Harlem (NYT)",
               "the indictment: seven counts (NYT, HuffPost); returned by a grand jury 'a day earlier' (Fox), 'unsealed on Friday' (NYT)",
               "Stone left the campaign in August 2015 (Fox, HuffPost), 'within months' of the spring 2015 announcement (NYT)",
               "no collusion charge: Mueller did not say the campaign engaged in a criminal conspiracy (NYT), the indictment does not charge conspiring with WikiLeaks (Fox)"]),
})
rows = {}
for l in open("/work/shared/data/stories-dev/basil.jsonl"):
    r = json.loads(l); rows[r["id"]] = r
for key, g in golds.items():
    story = next(r["story"] for r in rows.values() if r["story"].startswith(key))
    for c in g["conflicts"]:
        for v in c["variants"]:
            for aid, spans in v["spans"].items():
                for s in spans:
                    assert s in rows[aid]["text"], (aid, s)
    out = {"title": g["title"], "story": story, "written": g.get("written", W), "conflicts": g["conflicts"], "not_conflicts": g["compatible"]}
    json.dump(out, open(key + ".json", "w"), ensure_ascii=False, indent=1)
print("ok")
