// The province records the number and date of the People's Committee decision recognising a certificate; the
// printed certificate carries them from then on.
import { useState, type FormEvent } from 'react';
import { post } from '../../api';
import { useI18n, useTexts } from '../../i18n';

const TEXTS = {
  vi: {
    title: 'Quyết định công nhận',
    number: 'Số quyết định',
    date: 'Ngày ký',
    save: 'Ghi quyết định',
    saved: 'Đã ghi quyết định {no} ngày {date}; giấy chứng nhận in kèm số quyết định.',
  },
  en: {
    title: 'Recognition decision',
    number: 'Decision number',
    date: 'Signed on',
    save: 'Record the decision',
    saved: 'Recorded decision {no} of {date}; the certificate now prints it.',
  },
};

export function DecisionForm({ certificateNo }: { certificateNo: string }) {
  const T = useTexts(TEXTS);
  const { errorText } = useI18n();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setMessage(undefined);
    try {
      const saved = await post<{ decisionNo: string; decisionDate: string }>(
        `/certificates/${encodeURIComponent(certificateNo)}/decision`,
        { decisionNo: number.trim(), decisionDate: date },
      );
      setMessage(T.saved.replace('{no}', saved.decisionNo).replace('{date}', saved.decisionDate.split('-').reverse().join('/')));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} aria-label={T.title} data-testid="decision-form">
      <strong>{T.title}</strong>
      <label>
        {T.number}
        <input name="decisionNo" placeholder="2345/QĐ-UBND" value={number} onChange={(e) => setNumber(e.target.value)} required />
      </label>
      <label>
        {T.date}
        <input name="decisionDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <button type="submit" disabled={busy}>
        {T.save}
      </button>
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      {failure !== undefined && (
        <p className="error" role="alert">
          {errorText(failure)}
        </p>
      )}
    </form>
  );
}
