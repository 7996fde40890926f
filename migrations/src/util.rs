//! Column and key helpers shared by the migrations.

use sea_orm_migration::{prelude::*, schema::*};

/// 64-bit auto-increment key; sea-query renders it as `integer primary key
/// autoincrement` on SQLite and `bigserial` on PostgreSQL.
pub fn id_col<T: IntoIden>(name: T) -> ColumnDef {
    big_integer(name).auto_increment().primary_key().take()
}

/// A foreign key to `to.id` that refuses deleting a referenced row.
pub fn fk(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from_table, from_col).to(to, Alias::new("id")).on_delete(ForeignKeyAction::Restrict).take()
}

/// Named indexes as `(name, table, columns)`.
pub type Indexes<'a> = &'a [(&'a str, &'a str, &'a [&'a str])];

pub async fn create_indexes(m: &SchemaManager<'_>, indexes: Indexes<'_>) -> Result<(), DbErr> {
    for (name, table, cols) in indexes {
        let mut index = Index::create();
        index.name(*name).table(Alias::new(*table)).if_not_exists();
        for col in *cols {
            index.col(Alias::new(*col));
        }
        m.create_index(index).await?;
    }
    Ok(())
}

pub async fn drop_indexes(m: &SchemaManager<'_>, indexes: Indexes<'_>) -> Result<(), DbErr> {
    for (name, table, _) in indexes {
        m.drop_index(Index::drop().name(*name).table(Alias::new(*table)).to_owned()).await?;
    }
    Ok(())
}
