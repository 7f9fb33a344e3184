/**
 * Generates the end-to-end test pages from real damage, and `pages/expectations.json` with what
 * each damaged text must read after repair. Run: npx tsx tests/e2e/make-pages.ts (output committed).
 *
 * - e-paper: the seed article's Founder-damaged lines (tests/fixtures/seed-founder*.txt)
 * - UTF-8 read as GBK: new TextDecoder('gbk').decode(utf8 bytes)
 * - GBK read as windows-1252: iconv-lite GBK bytes, each byte mapped as the WHATWG windows-1252 decoder does
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { founderDamage, gbkAs1252, utf8AsGbk } from './damage';

export { gbkAs1252, utf8AsGbk };

const here = import.meta.dirname;
const out = (name: string, text: string) => writeFileSync(resolve(here, 'pages', name), text);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const page = (title: string, body: string, head = '') =>
  `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${esc(title)}</title>\n${head}</head>\n<body>\n${body}\n</body>\n</html>\n`;

const expectations: Record<string, unknown> = {};
/** (damaged, repaired) pairs besides e-paper and forum, for the plumbing-only fake engine. */
const fake: Array<[string, string]> = [];
const track = (damaged: string, fixed: string) => { fake.push([damaged, fixed]); return damaged; };

// --- e-paper: one <p> per text line of the PDF's text layer, a few lines split by inline markup.
{
  const lines = (f: string) => readFileSync(resolve(here, '../fixtures', f), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const damaged = lines('seed-founder.txt');
  const expected = lines('seed-founder.expected.txt');
  if (damaged.length !== expected.length) throw new Error('seed files do not line up');
  const paras = damaged.map((line, i) => {
    // Lines 2 and 5 carry inline markup inside the sentence: judged together as one paragraph.
    if (i === 2 || i === 5) {
      const a = Math.floor(line.length / 3), b = Math.floor((2 * line.length) / 3);
      return `<p>${esc(line.slice(0, a))}<b>${esc(line.slice(a, b))}</b><a href="#p${i}">${esc(line.slice(b))}</a></p>`;
    }
    return `<p>${esc(line)}</p>`;
  });
  out('epaper.html', page('内蒙古公安边防总队 电子报', `<article id="article">\n${paras.join('\n')}\n</article>`));
  expectations.epaper = { paragraphs: expected, damaged };
}

// --- forum: two damaged posts among clean ones.
const POSTS = {
  clean1: '楼主说得对，这家医院的服务确实不错。我上周去看病，医生很耐心地回答了所有问题。',
  utf8gbk: '我也遇到过类似的情况：挂号排队两个小时，最后只看了五分钟。希望医院能改进一下预约系统！',
  clean2: '袁世凯的历史评价一直很有争议，建议大家看看相关的学术著作，不要只看网上的段子。',
  gbk1252: '请问有没有人知道周末门诊几点开始？谢谢各位！',
  clean3: '版主提醒：发帖请遵守论坛规则，不要求助医疗诊断，有病请及时就医。',
};
{
  const damaged: Record<string, string> = {
    clean1: POSTS.clean1, utf8gbk: utf8AsGbk(POSTS.utf8gbk), clean2: POSTS.clean2, gbk1252: gbkAs1252(POSTS.gbk1252), clean3: POSTS.clean3,
  };
  const posts = Object.entries(damaged).map(([id, text], i) =>
    `<div class="post" id="post-${id}"><div class="author">用户${i + 1}</div><div class="content">${esc(text)}</div></div>`);
  out('forum.html', page('医院就诊经验交流 - 论坛', `<h1>医院就诊经验交流</h1>\n${posts.join('\n')}`));
  expectations.forum = { expected: POSTS, damaged };
}

// --- clean: words a careless Founder fixer would break (袁 遥 尧 院 要), with real punctuation.
out('clean.html', page('袁世凯与北京协和医院', `<article id="article">
<h1>袁世凯与北京协和医院</h1>
<p>袁世凯（1859年—1916年）是清末民初的重要人物。关于他的评价，学界历来有争议。</p>
<p>北京协和医院是中国著名的医院之一，医院要求患者提前预约；急诊除外。</p>
<p>“遥远的记忆”——尧都区人民医院院长说：“我们要求每位医生都认真负责！”</p>
<p>要想了解更多，请访问医院官网，或拨打电话：010-69156114。</p>
</article>`));

// --- ordinary: an everyday Chinese page with nothing the gate flags (the common case: no decoder load).
out('ordinary.html', page('今日天气', `<h1>今日天气</h1>
<p>今天白天晴转多云，最高气温二十三度，最低气温十四度。</p>
<p>明天有小雨，出门请带好雨具；周末气温回升，适合户外活动。</p>`));

// --- fields: repaired paragraph and attributes; form fields, editable and opted-out text untouched.
{
  const para = '医院门诊部将于下周一起调整挂号时间，请大家相互转告！';
  const title = '关于春节期间门诊安排的通知';
  const attrs = { title: '点击这里查看完整的通知原文', alt: '医院门诊大楼的外景照片！', placeholder: '请输入您想搜索的关键词！', aria: '打开医院导航菜单' };
  const untouched = '这段文字不应该被修改，因为它是用户自己的';
  const d = (s: string) => track(utf8AsGbk(s), s);
  out('fields.html', page(d(title), `<p id="para">${esc(d(para))}</p>
<p><a id="link" href="#" title="${esc(d(attrs.title))}">通知</a> <img id="img" alt="${esc(d(attrs.alt))}" width="10" height="10" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>
<p><button id="menu" aria-label="${esc(d(attrs.aria))}">≡</button></p>
<form><input id="search" placeholder="${esc(d(attrs.placeholder))}">
<input id="input" value="${esc(d(untouched))}">
<textarea id="textarea">${esc(d(untouched))}</textarea></form>
<div id="editable" contenteditable="true">${esc(d(untouched))}</div>
<div id="optout" data-luanma-off>${esc(d(untouched))}</div>`));
  expectations.fields = { para, title, attrs, untouchedDamaged: d(untouched) };
}

// --- dynamic: content added after load, a text node changed, and a script that fights back.
{
  const added = '新回复：医院的停车场太小了，建议大家乘坐公共交通前往吧！';
  const changed = '管理员已将本帖设为精华，感谢楼主的分享与总结吧！';
  const fight = '这一段文字会被页面脚本不断改回乱码的样子啊！';
  const d = (s: string) => track(utf8AsGbk(s), s);
  out('dynamic.html', page('动态页面', `<div id="thread"><p id="first">第一楼：大家好，欢迎交流。</p></div>
<p id="status">正在加载……</p>
<p id="fight">${esc(d(fight))}</p>
<script>
const DAMAGED_ADDED = ${JSON.stringify(d(added))};
const DAMAGED_CHANGED = ${JSON.stringify(d(changed))};
const DAMAGED_FIGHT = ${JSON.stringify(d(fight))};
window.fightWrites = 0;
// Whenever anyone changes #fight, put the damaged text back: a repairer without a loop guard would spin forever.
new MutationObserver(() => {
  const t = document.getElementById('fight').firstChild;
  if (t.data !== DAMAGED_FIGHT) { window.fightWrites++; t.data = DAMAGED_FIGHT; }
}).observe(document.getElementById('fight'), { characterData: true, subtree: true, childList: true });
setTimeout(() => {
  const p = document.createElement('p');
  p.id = 'added';
  p.textContent = DAMAGED_ADDED;
  document.getElementById('thread').appendChild(p);
  document.getElementById('status').firstChild.data = DAMAGED_CHANGED;
}, 1200);
</script>`));
  expectations.dynamic = { added, changed, fightDamaged: d(fight) };
}

// --- frames: a same-origin iframe and an open shadow root.
{
  const inFrame = '框架里的文字：本院新开设了儿科夜间门诊服务吧！';
  const inShadow = '影子树里的文字：请患者在候诊区耐心等候叫号！';
  const d = (s: string) => track(utf8AsGbk(s), s);
  out('frame-child.html', page('子框架', `<p id="child">${esc(d(inFrame))}</p>`));
  out('frames.html', page('框架与影子树', `<p>主页面</p>
<iframe id="frame" src="frame-child.html" width="500" height="120"></iframe>
<div id="host"></div>
<script>
const root = document.getElementById('host').attachShadow({ mode: 'open' });
const p = document.createElement('p');
p.id = 'shadow-text';
p.textContent = ${JSON.stringify(d(inShadow))};
root.appendChild(p);
</script>`));
  expectations.frames = { inFrame, inShadow };
}

// --- a plain-text document (a .txt novel): the browser shows it in a <pre>.
{
  const text = '第一章\n\n天色渐渐暗了下来，远处的山峦笼罩在一片薄雾之中。\n他站在窗前，久久没有说话。\n';
  for (const line of text.split('\n').filter(Boolean)) track(gbkAs1252(line), line);
  out('novel.txt', gbkAs1252(text));
  expectations.novel = { text };
}

// --- e-paper site: a mostly clean article with two lines whose Founder damage the engine leaves alone on its own
// (one shifted mark each, on a page that is otherwise clean) and repairs once told the site's text comes from
// PDFs / e-paper (the options page's rule; the CLI's --hint pdf). The two lines must stay below a fifth of the
// paragraphs, or the page would count as damaged anyway.
{
  const paras = [
    '本报讯（记者 李明）昨天上午，市政府召开常务会议，研究部署今年下半年的重点工作，要求各部门切实履行职责、抓好落实。',
    '会议听取了关于城市更新、老旧小区改造和交通治理的汇报。',
    '与会人员认为，当前全市经济运行总体平稳，但仍面临不少困难和挑战。',
    '会议强调，要坚持问题导向，聚焦群众关心的就业、教育、医疗、养老等问题，拿出务实管用的举措。',
    '要加强统筹协调，确保各项任务按期完成，对进展缓慢的项目要及时督办。',
    '会议指出，城市更新要尊重历史文脉，保留城市记忆，不搞大拆大建。',
    '交通治理要标本兼治，既要优化路网结构，也要提升公共交通的服务水平。',
    '新建学校的建设资金由市区两级财政共同承担，不足部分通过社会投资解决',
    '各区要建立工作台账，明确责任人和完成时限，每月报送进展情况。',
    '市发展改革委、市财政局等部门负责同志列席会议。',
    '老旧小区改造将优先解决加装电梯和停车难的问题。',
    '会议还审议通过了其他事项。',
  ];
  const damagedAt = [7, 10];
  const served = paras.map((p, i) => (damagedAt.includes(i) ? founderDamage(p) : p));
  out('epaper-site.html', page('市政府常务会议 - 电子版', `<article id="article">\n${served.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n</article>`));
  expectations.epaperSite = { served, withHint: paras };
}

expectations.fake = fake;
out('expectations.json', JSON.stringify(expectations, null, 2) + '\n');
console.log('pages written');
