"""The councils of England, by kind: which are unitary for children's services, and which
are the county and district councils of two-tier areas.

Names as councils are commonly called (without "Council", "London Borough of" and the like),
as at April 2023 (after the Cumbria, North Yorkshire and Somerset reorganisations). Derived
from mySociety's *UK Local Authority Names and Codes* (CC BY 4.0,
github.com/mysociety/uk_local_authority_names_and_codes); :mod:`public_bodies` reads it.
"""

from __future__ import annotations

from functools import cache

#: The 32 London boroughs and the City of London (unitary for children's services).
LONDON_BOROUGHS = """
Barking and Dagenham; Barnet; Bexley; Brent; Bromley; Camden; Croydon; Ealing; Enfield;
Greenwich; Hackney; Hammersmith and Fulham; Haringey; Harrow; Havering; Hillingdon;
Hounslow; Islington; Kensington and Chelsea; Kingston upon Thames; Lambeth; Lewisham;
Merton; Newham; Redbridge; Richmond upon Thames; Southwark; Sutton; Tower Hamlets; Waltham
Forest; Wandsworth; Westminster; City of London
"""

#: The 36 metropolitan boroughs (unitary).
METROPOLITAN_BOROUGHS = """
Barnsley; Birmingham; Bolton; Bradford; Bury; Calderdale; Coventry; Doncaster; Dudley;
Gateshead; Kirklees; Knowsley; Leeds; Liverpool; Manchester; Newcastle upon Tyne; North
Tyneside; Oldham; Rochdale; Rotherham; Salford; Sandwell; Sefton; Sheffield; Solihull; South
Tyneside; St Helens; Stockport; Sunderland; Tameside; Trafford; Wakefield; Walsall; Wigan;
Wirral; Wolverhampton
"""

#: Unitary authorities outside London and the metropolitan areas.
UNITARY_AUTHORITIES = """
Bath and North East Somerset; Bedford; Blackburn with Darwen; Blackpool; Bournemouth,
Christchurch and Poole; Bracknell Forest; Brighton and Hove; Buckinghamshire; Central
Bedfordshire; Cheshire East; Cheshire West and Chester; Bristol; Cornwall; County
Durham; Cumberland; Darlington; Derby; Dorset; East Riding of Yorkshire; Halton;
Hartlepool; Herefordshire; Isle of Wight; Isles of Scilly; Kingston upon Hull; Leicester;
Luton; Medway; Middlesbrough; Milton Keynes; North East Lincolnshire; North Lincolnshire;
North Northamptonshire; North Somerset; North Yorkshire; Northumberland; Nottingham;
Peterborough; Plymouth; Portsmouth; Reading; Redcar and Cleveland; Rutland; Shropshire;
Slough; Somerset; South Gloucestershire; Southampton; Southend-on-Sea; Stockton-on-Tees;
Stoke-on-Trent; Swindon; Telford and Wrekin; Thurrock; Torbay; Warrington; West Berkshire;
West Northamptonshire; Westmorland and Furness; Wiltshire; Windsor and Maidenhead;
Wokingham; York
"""

#: The 21 county councils of two-tier areas, each with its district councils.
TWO_TIER = """
Cambridgeshire: Cambridge; East Cambridgeshire; Fenland; Huntingdonshire; South
    Cambridgeshire
Derbyshire: Amber Valley; Bolsover; Chesterfield; Derbyshire Dales; Erewash; High Peak;
    North East Derbyshire; South Derbyshire
Devon: East Devon; Exeter; Mid Devon; North Devon; South Hams; Teignbridge; Torridge; West
    Devon
East Sussex: Eastbourne; Hastings; Lewes; Rother; Wealden
Essex: Basildon; Braintree; Brentwood; Castle Point; Chelmsford; Colchester; Epping Forest;
    Harlow; Maldon; Rochford; Tendring; Uttlesford
Gloucestershire: Cheltenham; Cotswold; Forest of Dean; Gloucester; Stroud; Tewkesbury
Hampshire: Basingstoke and Deane; East Hampshire; Eastleigh; Fareham; Gosport; Hart; Havant;
    New Forest; Rushmoor; Test Valley; Winchester
Hertfordshire: Broxbourne; Dacorum; East Hertfordshire; Hertsmere; North Hertfordshire; St
    Albans; Stevenage; Three Rivers; Watford; Welwyn Hatfield
Kent: Ashford; Canterbury; Dartford; Dover; Folkestone and Hythe; Gravesham; Maidstone;
    Sevenoaks; Swale; Thanet; Tonbridge and Malling; Tunbridge Wells
Lancashire: Burnley; Chorley; Fylde; Hyndburn; Lancaster; Pendle; Preston; Ribble Valley;
    Rossendale; South Ribble; West Lancashire; Wyre
Leicestershire: Blaby; Charnwood; Harborough; Hinckley and Bosworth; Melton; North West
    Leicestershire; Oadby and Wigston
Lincolnshire: Boston; City of Lincoln; East Lindsey; North Kesteven; South Holland; South
    Kesteven; West Lindsey
Norfolk: Breckland; Broadland; Great Yarmouth; Kings Lynn and West Norfolk; North Norfolk;
    Norwich; South Norfolk
Nottinghamshire: Ashfield; Bassetlaw; Broxtowe; Gedling; Mansfield; Newark and Sherwood;
    Rushcliffe
Oxfordshire: Cherwell; Oxford; South Oxfordshire; Vale of White Horse; West Oxfordshire
Staffordshire: Cannock Chase; East Staffordshire; Lichfield; Newcastle-under-Lyme; South
    Staffordshire; Stafford; Staffordshire Moorlands; Tamworth
Suffolk: Babergh; East Suffolk; Ipswich; Mid Suffolk; West Suffolk
Surrey: Elmbridge; Epsom and Ewell; Guildford; Mole Valley; Reigate and Banstead; Runnymede;
    Spelthorne; Surrey Heath; Tandridge; Waverley; Woking
Warwickshire: North Warwickshire; Nuneaton and Bedworth; Rugby; Stratford-on-Avon; Warwick
West Sussex: Adur; Arun; Chichester; Crawley; Horsham; Mid Sussex; Worthing
Worcestershire: Bromsgrove; Malvern Hills; Redditch; Worcester; Wychavon; Wyre Forest
"""


def _items(text: str) -> list[str]:
    return [n.strip() for n in " ".join(text.split()).split(";") if n.strip()]


@cache
def unitary() -> tuple[str, ...]:
    """Every council responsible for children's services on its own (London boroughs, the
    City of London, metropolitan boroughs and unitary authorities)."""
    return tuple(
        _items(LONDON_BOROUGHS) + _items(METROPOLITAN_BOROUGHS) + _items(UNITARY_AUTHORITIES)
    )


@cache
def two_tier() -> dict[str, tuple[str, ...]]:
    """Each county council of a two-tier area with its district councils."""
    counties: dict[str, str] = {}
    current = ""
    for line in TWO_TIER.strip().splitlines():
        if line[:1].isspace():
            counties[current] += " " + line.strip()
        else:
            current, _, rest = line.partition(":")
            counties[current] = rest
    return {county: tuple(_items(rest)) for county, rest in counties.items()}
