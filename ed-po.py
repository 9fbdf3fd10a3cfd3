import re,glob
rep=[
("So says Zhang Peng, founder of Beijing Shenzhou Feisi Information Technology Co., Ltd.","— Zhang Peng, founder of Beijing Shenzhou Feisi Information Technology Co., Ltd."),
("about the business opportunities and paths of development","about the startup opportunities and paths of development"),
("about 12 million dollars","about $12 million"),
("Worldcoin has raised 100 million dollars, and its latest funding round valued it at 3 billion dollars","Worldcoin has raised $100 million, and its latest funding round valued it at $3 billion"),
("each paying 8.3 dollars a month, for an annual revenue of around 60 million dollars","each paying $8.30 a month, for an annual revenue of around $60 million"),
("ChatGPT 3.5 brings together","GPT-3.5 brings together"),
("Having come this far, a thought occurs to me:","At this point, a thought occurs to me:"),
("American startups generally explore new continents in the function layer","American startups are generally breaking new ground in the function layer"),
("but OpenAI overtook it in one stroke, and after that it began experimenting in niche areas","but OpenAI overtook it in one stroke, and Google then began experimenting in niche areas"),
("Its main line of business, LLaMA, can run on a single GPU.","Its main product, LLaMA, can run on a single GPU."),
("“The Logic of Starting a Business in the Age of Large AI Models,”","“The Logic of Startups in the Age of Large AI Models,”"),
]
for f in glob.glob('manuscript/translations/en/*.po'):
    s=open(f).read()
    for a,b in rep:
        s=s.replace(a,b)
    if '--clear' in __import__('sys').argv:
        s=re.sub(r'^#, fuzzy\n','',s,flags=re.M)
        s=re.sub(r'^#\| .*\n','',s,flags=re.M)
    open(f,'w').write(s)
