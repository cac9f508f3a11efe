import { Typography } from 'antd';

/** Contact person above, phone number below (or a dash). */
export function ContactCell({ name, phone }: { name: string | null; phone: string | null }) {
  if (!name && !phone) return <>—</>;
  return (
    <div style={{ lineHeight: 1.4 }}>
      {name ? <div>{name}</div> : null}
      {phone ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{phone}</Typography.Text> : null}
    </div>
  );
}
