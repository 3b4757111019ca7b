DROP TABLE role_tasks;
