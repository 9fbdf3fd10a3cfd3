/**
 * Readings pinyin-pro gets wrong in this kind of text, as words in context (`customPinyin`): 为 wéi in
 * 视为 (wèi in 为了), 调 diào in 强调, neutral tones (东西 dōngxi), one reading per word (这个 zhège).
 * pinyin-pro falls back to a character's most frequent reading for a word it does not know; the
 * table is reviewed against the manuscript's `pinyin: all` output (tests/fixtures/pinyin-all.txt).
 * Registered with pinyin-pro as it loads (`pinyin-pro.ts`).
 */

/** Words (Simplified) and their readings, syllables separated by spaces. */
export const customReadings: Readonly<Record<string, string>> = {
  // 为 wéi: "be, become, act as" after a verb or in 以……为.
  大约为: 'dà yuē wéi',
  沦为: 'lún wéi',
  为起点: 'wéi qǐ diǎn',
  设置为: 'shè zhì wéi',
  设定为: 'shè dìng wéi',
  估值为: 'gū zhí wéi',
  分别为: 'fēn bié wéi',
  理解为: 'lǐ jiě wéi',
  转为: 'zhuǎn wéi',
  视为: 'shì wéi',
  为介质: 'wéi jiè zhì',
  差距为: 'chā jù wéi',
  认为: 'rèn wéi',
  作为: 'zuò wéi',
  名为: 'míng wéi',
  成为: 'chéng wéi',
  人为: 'rén wéi',
  // 为 wèi: "for".
  为了: 'wèi le',
  为何: 'wèi hé',
  为大家: 'wèi dà jiā',
  为我们: 'wèi wǒ men',
  // 得 děi: "must".
  得加入: 'děi jiā rù',
  得成为: 'děi chéng wéi',
  // 行 háng: "line of business".
  这行: 'zhè háng',
  这一行: 'zhè yì háng',
  行业: 'háng yè',
  进行: 'jìn xíng',
  运行: 'yùn xíng',
  // 调 diào, 分 fēn, 差 chā, 量 liàng, 供 gōng, 卡 qiǎ, 处 chǔ.
  强调: 'qiáng diào',
  调用: 'diào yòng',
  调优: 'tiáo yōu',
  分析: 'fēn xī',
  充分: 'chōng fèn',
  差距: 'chā jù',
  数量: 'shù liàng',
  供大量: 'gōng dà liàng',
  卡住: 'qiǎ zhù',
  处在: 'chǔ zài',
  处理: 'chǔ lǐ',
  相处: 'xiāng chǔ',
  之处: 'zhī chù',
  // 给 gěi (give to), 了 le (not 了结 liǎojié).
  提供给: 'tí gōng gěi',
  了结合: 'le jié hé',
  // Neutral tones.
  东西: 'dōng xi',
  告诉: 'gào su',
  这个: 'zhè ge',
  那个: 'nà ge',
  时候: 'shí hou',
  事情: 'shì qing',
  朋友: 'péng you',
  意思: 'yì si',
  明白: 'míng bai',
  清楚: 'qīng chu',
  消息: 'xiāo xi',
  炉子: 'lú zi',
  例子: 'lì zi',
  // Directional complements after a verb are neutral (走出来 zǒu chulai, 听起来 tīng qilai); 出来 as a verb
  // (产品出来) and 接下来 (next) keep their tones; 一起来 is 一起 + 来.
  起来: 'qi lai',
  下去: 'xia qu',
  出去: 'chu qu',
  下来: 'xia lai',
  做出来: 'zuò chu lai',
  调用出来: 'diào yòng chu lai',
  走出来: 'zǒu chu lai',
  出来: 'chū lái',
  接下来: 'jiē xià lái',
  一起来: 'yì qǐ lái',
  // 的 de, not dì (目的).
  的是: 'de shì',
  // 内卷 nèijuǎn (the borrowed term), not juàn.
  内卷: 'nèi juǎn'
}
