// Who uses the API: users, roles and bindings, passwords and agency API keys.
export * from './user';
export * from './password';
export * from './identity-store';
export * from './demo-users';
