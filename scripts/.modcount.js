const t=Date.now();
require(process.argv[2]);
const keys=Object.keys(require.cache);
console.log("modules", keys.length, "ms", Date.now()-t, "rss MB", Math.round(process.memoryUsage().rss/1e6));
const by={};for(const k of keys){const m=/node_modules\/((@[^/]+\/)?[^/]+)/.exec(k);const n=m?m[1]:"(ours)";by[n]=(by[n]||0)+1}
console.log(Object.entries(by).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>k+":"+v).join(" "));
