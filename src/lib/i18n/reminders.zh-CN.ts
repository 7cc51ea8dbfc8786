/** “今天”页面需要的提醒中文文本：用药卡片和通知（设置部分见 reminder-settings.zh-CN.ts）。 */
import type { remindersEn } from './reminders.en';

export const remindersZhCN: typeof remindersEn = {
  doses: {
    title: '今天的用药',
    doseLabel: (name, time) => `${name}，${time}`,
    due: '现在该用药了',
    upcoming: (time) => `${time} 用药`,
    taken: (time) => `已于 ${time} 用药`,
    takenLate: (time) => `已用药，但较晚（${time}）`,
    skipped: '已跳过',
    snoozed: (time) => `已推迟到 ${time}`,
    markTaken: '已用药',
    markSkipped: '跳过',
    snooze: '15 分钟后提醒',
    undo: '撤销',
    missedTitle: '上次打开以来漏记的用药',
    missedIntro: (count) => (count === 1 ? '这一剂还没有记录。您用药了吗？' : `这 ${count} 剂还没有记录。您用药了吗？`),
    missedCount: (count, from, to) => `${count} 剂，${from} – ${to}`,
    missedLabel: (name, date, time) => `${name}，${date} ${time}`,
    oneByOne: '逐一回答',
    allTaken: '全部已用药',
    allSkipped: '全部跳过',
    failed: '未能保存，请重试。',
  },
  notification: {
    title: (name) => `该用${name}了`,
    body: (time) => `${time} 用药。用药后请点“已用药”。`,
    notice: (title, body) => `${title}。${body}`,
    taken: '已用药',
    snooze: '15 分钟后提醒',
    diaryTitle: '今天皮肤怎么样？',
    diaryBody: '在 HS 日记里记录今天，只需几秒钟。',
    missedTitle: (count) => (count === 1 ? '可能漏用了一剂药' : `可能漏用了 ${count} 剂药`),
    missedBody: '打开 HS 日记，记录是否已经用药。',
  },
};
