import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { diaryDb } from '../../db';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { zhCN } from '../../i18n/zh-CN';
import { clock } from '../../state/clock.svelte';
import MedicationsScreen from './MedicationsScreen.svelte';

const t = en.medications;

beforeEach(async () => {
  await i18n.use('en');
  clock.today = '2026-11-26';
  await Promise.all([
    diaryDb.medications.clear(),
    diaryDb.regimenEvents.clear(),
    diaryDb.doseLogs.clear(),
    diaryDb.drafts.clear(),
  ]);
});

async function addUpadacitinib(user: ReturnType<typeof userEvent.setup>, startDate: string) {
  await user.click(await screen.findByRole('button', { name: t.add }));
  await fireEvent.input(screen.getByLabelText(t.startDate), { target: { value: startDate } });
  await user.click(screen.getByRole('button', { name: t.save }));
  return screen.findByRole('article', { name: 'Upadacitinib' });
}

async function recordOnCard(
  user: ReturnType<typeof userEvent.setup>,
  card: HTMLElement,
  kind: 'interruption' | 'resume' | 'dose-change',
  date: string,
) {
  await user.click(within(card).getByRole('button', { name: t.recordEvent }));
  await user.click(within(card).getByRole('radio', { name: t.kindActions[kind] }));
  await fireEvent.input(within(card).getByLabelText(t.date), { target: { value: date } });
  if (kind === 'interruption') await user.selectOptions(within(card).getByLabelText(t.reason), 'infection');
  if (kind === 'dose-change') {
    await user.clear(within(card).getByLabelText(t.amount));
    await user.type(within(card).getByLabelText(t.amount), '30');
  }
  await user.click(within(card).getByRole('button', { name: t.save }));
}

describe('MedicationsScreen', () => {
  it('adds upadacitinib from its preset and shows its state in one line', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-03-12');
    expect(within(card).getByText('15 mg once daily since 12 March 2026')).toBeInTheDocument();
    expect(within(card).getByText('Started, 15 mg once daily')).toBeInTheDocument();
    const [medication] = await diaryDb.medications.toArray();
    expect(medication).toMatchObject({
      name: 'Upadacitinib',
      presetId: 'upadacitinib',
      drugClass: 'jak1-selective',
      color: '#0072b2',
    });
  });

  it('records an interruption with its reason, and shows it as the current state', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-03-12');
    await user.click(within(card).getByRole('button', { name: t.recordEvent }));
    await user.click(within(card).getByRole('radio', { name: t.kindActions.interruption }));
    await fireEvent.input(within(card).getByLabelText(t.date), { target: { value: '2026-05-02' } });
    await user.selectOptions(within(card).getByLabelText(t.reason), 'infection');
    await user.click(within(card).getByRole('button', { name: t.save }));
    expect(await within(card).findByText('Interrupted since 2 May 2026: infection')).toBeInTheDocument();
    expect((await diaryDb.regimenEvents.toArray()).filter((event) => event.kind === 'interruption')).toHaveLength(1);
  });

  it('refuses a dose change dated before the start, in words, and writes nothing', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-03-12');
    await user.click(within(card).getByRole('button', { name: t.recordEvent }));
    await fireEvent.input(within(card).getByLabelText(t.date), { target: { value: '2026-02-01' } });
    await user.clear(within(card).getByLabelText(t.amount));
    await user.type(within(card).getByLabelText(t.amount), '30');
    await user.click(within(card).getByRole('button', { name: t.save }));
    expect(await within(card).findByRole('alert')).toHaveTextContent(t.problems['before-start']);
    expect(await diaryDb.regimenEvents.count()).toBe(1);
  });

  it('refuses a custom medication without a name', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: t.add }));
    await user.selectOptions(screen.getByLabelText(t.choose), 'custom');
    await user.type(screen.getByLabelText(t.amount), '100');
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(await screen.findByRole('alert')).toHaveTextContent(t.problems.fields.name);
    expect(await diaryDb.medications.count()).toBe(0);
  });

  it('names preset medications in Chinese', async () => {
    await i18n.use('zh-CN');
    render(MedicationsScreen);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: zhCN.medications.add }));
    await fireEvent.input(screen.getByLabelText(zhCN.medications.startDate), { target: { value: '2026-03-12' } });
    await user.click(screen.getByRole('button', { name: zhCN.medications.save }));
    const card = await screen.findByRole('article', { name: '乌帕替尼' });
    expect(within(card).getByText('自2026年3月12日起 每日一次 15 毫克')).toBeInTheDocument();
  });

  it('names the entry a resume would come after, with its date, not only the entry typed', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-10-01');
    await recordOnCard(user, card, 'dose-change', '2026-11-04');
    await within(card).findByText(/^30 mg/);
    await recordOnCard(user, card, 'interruption', '2026-11-10');
    await within(card).findByText(/^Interrupted since 10 November 2026/);
    await recordOnCard(user, card, 'resume', '2026-11-06');
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('This would come after the dose change on 4 Nov.');
    expect(alert).toHaveTextContent(t.problems['resume-without-interruption']);
    expect(await diaryDb.regimenEvents.count()).toBe(3);
  });

  it('keeps an interruption a resume needs, and says so beside the entry tapped', async () => {
    // jsdom has <dialog> but not its modal methods.
    Object.assign(HTMLDialogElement.prototype, {
      showModal(this: HTMLDialogElement) {
        this.setAttribute('open', '');
      },
      close(this: HTMLDialogElement) {
        this.removeAttribute('open');
      },
    });
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-10-01');
    await recordOnCard(user, card, 'interruption', '2026-11-20');
    await within(card).findByText(/^Interrupted since 20 November 2026/);
    await recordOnCard(user, card, 'resume', '2026-11-25');
    await waitFor(async () => expect(await diaryDb.regimenEvents.count()).toBe(3));

    const deleteInterruption = await within(card).findByRole('button', {
      name: new RegExp(`^${t.delete}: Interrupted.*, 20 November 2026$`),
    });
    await user.click(deleteInterruption);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: t.delete }));

    const entry = deleteInterruption.closest('li') as HTMLElement;
    expect(await within(entry).findByRole('alert')).toHaveTextContent(
      'This was not deleted, because the resume on 25 Nov needs it.',
    );
    expect(await diaryDb.regimenEvents.count()).toBe(3);
  });
});

describe('MedicationsScreen drafts', () => {
  const draftKeys = async () => (await diaryDb.drafts.toArray()).map((draft) => draft.key);

  /** Leave the screen with the form open (a reload, another tab of the app), once its draft is kept. */
  async function leaveAndReturn(unmount: () => void) {
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(1));
    unmount();
    // What was typed last is written as the form goes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    render(MedicationsScreen);
    return userEvent.setup();
  }

  async function typeCustomMedication(user: ReturnType<typeof userEvent.setup>) {
    await user.click(await screen.findByRole('button', { name: t.add }));
    await user.selectOptions(screen.getByLabelText(t.choose), 'custom');
    await user.type(screen.getByLabelText(t.name), 'Zinc');
    await user.selectOptions(screen.getByLabelText(t.drugClass), 'antibiotic');
    await user.clear(screen.getByLabelText(t.amount));
    await user.type(screen.getByLabelText(t.amount), '90');
    await fireEvent.input(screen.getByLabelText(t.startDate), { target: { value: '2026-11-02' } });
  }

  it('puts a new medication being typed back when the form opens again, and forgets it once saved', async () => {
    const { unmount } = render(MedicationsScreen);
    await typeCustomMedication(userEvent.setup());
    const user = await leaveAndReturn(unmount);

    await user.click(await screen.findByRole('button', { name: t.add }));
    await vi.waitFor(() => expect(screen.getByLabelText(t.name)).toHaveValue('Zinc'));
    expect(screen.getByLabelText(t.choose)).toHaveValue('custom');
    expect(screen.getByLabelText(t.drugClass)).toHaveValue('antibiotic');
    expect(screen.getByLabelText(t.amount)).toHaveValue(90);
    expect(screen.getByLabelText(t.startDate)).toHaveValue('2026-11-02');
    expect(await draftKeys()).toEqual(['medication:new']);

    await user.click(screen.getByRole('button', { name: t.save }));
    await screen.findByRole('article', { name: 'Zinc' });
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(0));
    await user.click(screen.getByRole('button', { name: t.add }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByLabelText(t.choose)).toHaveValue('upadacitinib');
  });

  it('forgets a new medication being typed on Cancel', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    await typeCustomMedication(user);
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(1));
    await user.click(screen.getByRole('button', { name: t.cancel }));
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(0));

    await user.click(screen.getByRole('button', { name: t.add }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByLabelText(t.choose)).toHaveValue('upadacitinib');
    expect(screen.queryByLabelText(t.name)).toBeNull();
  });

  async function typeInterruption(user: ReturnType<typeof userEvent.setup>, card: HTMLElement) {
    await user.click(within(card).getByRole('button', { name: t.recordEvent }));
    await user.click(within(card).getByRole('radio', { name: t.kindActions.interruption }));
    await fireEvent.input(within(card).getByLabelText(t.date), { target: { value: '2026-11-20' } });
    await user.selectOptions(within(card).getByLabelText(t.reason), 'surgery');
    await user.type(within(card).getByLabelText(t.note), 'Excision on Friday');
  }

  it('puts a medication change being typed back on its card, and forgets it once saved', async () => {
    const { unmount } = render(MedicationsScreen);
    const card = await addUpadacitinib(userEvent.setup(), '2026-10-01');
    const medicationId = (await diaryDb.medications.toArray())[0]?.id;
    await typeInterruption(userEvent.setup(), card);
    const user = await leaveAndReturn(unmount);

    const restoredCard = await screen.findByRole('article', { name: 'Upadacitinib' });
    await user.click(within(restoredCard).getByRole('button', { name: t.recordEvent }));
    await vi.waitFor(() => expect(within(restoredCard).getByLabelText(t.note)).toHaveValue('Excision on Friday'));
    expect(within(restoredCard).getByRole('radio', { name: t.kindActions.interruption })).toBeChecked();
    expect(within(restoredCard).getByLabelText(t.date)).toHaveValue('2026-11-20');
    expect(within(restoredCard).getByLabelText(t.reason)).toHaveValue('surgery');
    expect(await draftKeys()).toEqual([`regimen-event:${medicationId}:new`]);

    await user.click(within(restoredCard).getByRole('button', { name: t.save }));
    await within(restoredCard).findByText('Interrupted since 20 November 2026: surgery');
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(0));
  });

  it('keeps an edit of a change as its own draft, apart from a new change', async () => {
    const { unmount } = render(MedicationsScreen);
    const card = await addUpadacitinib(userEvent.setup(), '2026-10-01');
    const [start] = await diaryDb.regimenEvents.toArray();
    const editStart = () => within(card).getByRole('button', { name: new RegExp(`^${t.edit}: Started`) });
    let user = userEvent.setup();
    await user.click(editStart());
    await user.type(within(card).getByLabelText(t.note), 'First box from the pharmacy');
    await vi.waitFor(async () =>
      expect(await draftKeys()).toEqual([`regimen-event:${start?.medicationId}:${start?.id}`]),
    );
    user = await leaveAndReturn(unmount);

    const restoredCard = await screen.findByRole('article', { name: 'Upadacitinib' });
    await user.click(within(restoredCard).getByRole('button', { name: t.recordEvent }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(within(restoredCard).getByLabelText(t.note)).toHaveValue('');
    await user.click(within(restoredCard).getByRole('button', { name: t.cancel }));
    await user.click(within(restoredCard).getByRole('button', { name: new RegExp(`^${t.edit}: Started`) }));
    await vi.waitFor(() =>
      expect(within(restoredCard).getByLabelText(t.note)).toHaveValue('First box from the pharmacy'),
    );
  });

  it('keeps the draft of a change that was refused', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-03-12');
    await user.click(within(card).getByRole('button', { name: t.recordEvent }));
    await fireEvent.input(within(card).getByLabelText(t.date), { target: { value: '2026-02-01' } });
    await user.clear(within(card).getByLabelText(t.amount));
    await user.type(within(card).getByLabelText(t.amount), '30');
    await user.click(within(card).getByRole('button', { name: t.save }));
    expect(await within(card).findByRole('alert')).toHaveTextContent(t.problems['before-start']);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const [draft] = await diaryDb.drafts.toArray();
    expect(draft?.values).toMatchObject({ kind: 'dose-change', date: '2026-02-01', amount: 30 });
  });

  it('forgets a medication change being typed on Cancel', async () => {
    render(MedicationsScreen);
    const user = userEvent.setup();
    const card = await addUpadacitinib(user, '2026-10-01');
    await typeInterruption(user, card);
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(1));
    await user.click(within(card).getByRole('button', { name: t.cancel }));
    await vi.waitFor(async () => expect(await diaryDb.drafts.count()).toBe(0));

    await user.click(within(card).getByRole('button', { name: t.recordEvent }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(within(card).getByLabelText(t.note)).toHaveValue('');
    expect(within(card).getByRole('radio', { name: t.kindActions['dose-change'] })).toBeChecked();
  });
});
