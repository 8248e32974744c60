"""On PostgreSQL the database itself refuses to update or delete an audit event (plain SQL included).

Row triggers only: TRUNCATE (Django's flush, used by a restore from backup and by tests) needs the
table owner's rights, which the production notes tell the app's database role not to have.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION luoshi_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '操作日志只能追加，不能修改或删除。' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS luoshi_audit_append_only ON audit_auditevent;
CREATE TRIGGER luoshi_audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION luoshi_audit_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS luoshi_audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS luoshi_audit_append_only();
"""


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
