SELECT id, role_id, title FROM role_tasks WHERE false;
