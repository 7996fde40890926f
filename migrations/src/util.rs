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
