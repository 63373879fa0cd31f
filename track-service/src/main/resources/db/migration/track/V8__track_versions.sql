-- Orders the states published under one key: a replica that committed first may publish last.
alter table tracks add column version bigint not null default 0;
