/** 提醒设置的中文文本：每种药的提醒时间和“设置”页面的提醒部分。不随“今天”页面加载。 */
import type { reminderSettingsEn } from './reminder-settings.en';

export const reminderSettingsZhCN: typeof reminderSettingsEn = {
  schedule: {
    title: '提醒',
    daily: (times) => `每天 ${times}`,
    weekly: (weekday, time) => `每${weekday} ${time}`,
    everyWeeks: (weeks, weekday, time) => `每 ${weeks} 周一次，${weekday} ${time}`,
    off: '这种药的提醒已关闭。',
    paused: '这种药暂停期间不提醒。',
    stopped: '不提醒：这种药已停用。',
    noSchedule: '按需使用或其他用法的药不设提醒。',
    next: (when) => `下一剂：${when}`,
    enabled: '提醒我，并在“今天”页面列出每一剂',
    time: (index) => (index === 0 ? '时间' : '第二个时间'),
    weekday: '星期几',
    change: '更改提醒时间',
    save: '保存提醒',
    saved: '提醒已保存。',
    failed: '未能保存提醒，请重试。',
  },
  settings: {
    title: '提醒',
    diary: '提醒我记录当天情况',
    diaryTime: '时间',
    save: '保存',
    saved: '已保存。',
    medicationsHint: '每种药的用药时间在“用药”中设置。',
    allowTitle: '通知',
    allowWhy:
      '到用药时间时，HS 日记可以显示一条通知，上面有按钮，可以直接记录“已用药”，或 15 分钟后再提醒。所有内容都只留在您的设备上。',
    allow: '允许通知',
    refused: '没有允许通知。您可以在浏览器的网站设置中更改。',
    honestyTitle: '在这台设备上可用的提醒',
    honestyIntro: '网页应用无法在设定的时间自行启动。在这里，HS 日记能做到的是：',
    works: '可用',
    doesNotWork: '这里不可用',
    needsAction: '需要设置',
    inApp: {
      label: '应用内',
      text: '只要打开 HS 日记，“今天”页面就会显示该用的药。',
    },
    notifications: {
      label: '通知',
      granted: 'HS 日记打开时（包括在后台标签页中）会显示通知。关闭后不会显示。',
      grantedNoButtons:
        'HS 日记打开时（包括在后台标签页中）会显示通知，但这里的通知上没有“已用药”和“15 分钟后提醒”按钮：点通知即可打开 HS 日记。关闭后不会显示。',
      default: '尚未允许。请使用上面的按钮。',
      denied: 'HS 日记的通知已被阻止。请在浏览器的网站设置中允许。',
      installFirst:
        '在 iPhone 和 iPad 上，需要先把 HS 日记添加到主屏幕（分享，然后“添加到主屏幕”），并且系统为 iOS 16.4 或更高版本。',
      unsupported: '这个浏览器无法为 HS 日记显示通知。',
    },
    background: {
      label: '后台检查漏用的药',
      granted: '即使 HS 日记已关闭，浏览器每天也可能让它检查一两次是否漏用药。具体时间由浏览器决定。',
      installFirst: '只有把 HS 日记安装为应用（浏览器菜单中的“安装应用”）并允许通知之后才可用。',
      unsupported: '这个浏览器不提供此功能。应用关闭时，请使用日历提醒。',
    },
    calendar: {
      label: '日历提醒',
      text: '始终可用：把提醒添加到手机日历中，即使 HS 日记已关闭，日历也会提醒您。',
    },
    exportTitle: '添加到日历',
    exportWhy:
      '下载一个包含用药和记录提醒的日历文件，然后用日历应用打开。更改用药或时间后，请重新添加新文件：它会替换旧的提醒，而不会重复。',
    export: '把提醒添加到日历',
    exported: '日历文件已准备好。',
    exportFailed: '未能生成日历文件，请重试。',
    calendarName: 'HS 日记提醒',
    eventDescription: '来自 HS 日记的提醒。请打开应用进行记录。',
    doseSummary: (name) => `用药：${name}`,
    diarySummary: '在 HS 日记中记录今天',
  },
};
