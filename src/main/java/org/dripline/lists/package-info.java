/**
 * Mailing lists: their definitions ({@code lists/<id>.yaml}, reviewed like campaigns) and who is on
 * each (table {@code list_subscriptions}, one consent record per list). Others call
 * {@link org.dripline.lists.ListCatalog} and {@link org.dripline.lists.ListMemberships}.
 */
package org.dripline.lists;
