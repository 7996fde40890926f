//! Where mail goes: `.eml` files under the data directory (embedded default) or SMTP.

use crate::config::Settings;
use crate::entities::email_outbox;
use anyhow::Context;
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    /// With the time one message may take (`Settings::smtp_timeout`).
    Smtp(AsyncSmtpTransport<Tokio1Executor>, std::time::Duration),
}

impl Transport {
    pub fn from_settings(s: &Settings) -> anyhow::Result<Transport> {
        match &s.smtp_url {
            Some(url) => {
                let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("SMTP_URL is not a valid smtp:// or smtps:// URL")?
                    // lettre bounds only the TCP connect with this; `send` bounds the rest.
                    .timeout(Some(s.smtp_connect_timeout))
                    .build();
                Ok(Transport::Smtp(t, s.smtp_timeout))
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
            Transport::Smtp(..) => "smtp",
        }
    }

    /// The longest one message may take.
    pub fn limit(&self) -> std::time::Duration {
        match self {
            Transport::File(_) => std::time::Duration::from_secs(10),
            Transport::Smtp(_, limit) => *limit,
        }
    }

    pub async fn send(&self, msg: Message) -> anyhow::Result<()> {
        let sending = async {
            match self {
                Transport::File(t) => t.send(msg).await.map(drop).context("writing .eml file"),
                Transport::Smtp(t, _) => t.send(msg).await.map(drop).context("sending over SMTP"),
            }
        };
        // Dropping a send that ran out of time drops its connection too: a stalled one is never reused.
        match tokio::time::timeout(self.limit(), sending).await {
            Ok(sent) => sent,
            Err(_) => match self {
                Transport::File(_) => anyhow::bail!("writing the .eml file took longer than {} s", self.limit().as_secs()),
                Transport::Smtp(..) => anyhow::bail!(
                    "no answer from the SMTP server within {} s (an smtp:// URL pointing at an implicit-TLS port such as 465 looks like this: use smtps://)",
                    self.limit().as_secs()
                ),
            },
        }
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
