//! Where mail goes: `.eml` files under the data directory (embedded default) or SMTP.

use crate::config::Settings;
use crate::entities::email_outbox;
use anyhow::Context;
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    pub fn from_settings(s: &Settings) -> anyhow::Result<Transport> {
        match &s.smtp_url {
            Some(url) => {
                let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("SMTP_URL is not a valid smtp:// or smtps:// URL")?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Ok(Transport::Smtp(t))
            }
            None => {
                let dir = s.mail_dir();
                std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                Ok(Transport::File(AsyncFileTransport::new(dir)))
            }
        }
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Transport::File(_) => "eml files",
            Transport::Smtp(_) => "smtp",
        }
    }

    pub async fn send(&self, msg: Message) -> anyhow::Result<()> {
        match self {
            Transport::File(t) => {
                t.send(msg).await.context("writing .eml file")?;
            }
            Transport::Smtp(t) => {
                t.send(msg).await.context("sending over SMTP")?;
            }
        }
        Ok(())
    }
}

/// Builds the MIME message of an outbox row; its Message-ID is the row's, so a
/// receiver can recognise a repeat.
pub fn build_message(from: &str, row: &email_outbox::Model) -> anyhow::Result<Message> {
    let from: Mailbox = from.parse().context("MAIL_FROM is not a valid mailbox")?;
    let to: Mailbox = row.to_addr.parse().context("recipient address")?;
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .date(row.created_at.into());
    let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(row.body_text.clone());
    let msg = match (&row.attachment_name, &row.attachment_content_type, &row.attachment) {
        (Some(name), Some(ctype), Some(content)) => {
            let ct = ContentType::parse(ctype).context("attachment content type")?;
            builder.multipart(
                MultiPart::mixed().singlepart(text).singlepart(Attachment::new(name.clone()).body(content.clone(), ct)),
            )?
        }
        _ => builder.singlepart(text)?,
    };
    Ok(msg)
}
