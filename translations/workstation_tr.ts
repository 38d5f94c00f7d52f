<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="tr" sourcelanguage="en">
  <context>
    <name>App</name>
    <message>
      <source>Connect to hub</source>
      <translation>Merkeze bağlan</translation>
    </message>
    <message>
      <source>Address of the reading hub (for example https://hub.example:8443):</source>
      <translation>Okuma merkezinin adresi (örneğin https://hub.example:8443):</translation>
    </message>
  </context>
  <context>
    <name>AppController</name>
    <message>
      <source>No system keychain is available, so the image cache is encrypted with a key that exists only until you close the workstation. Studies you open will be downloaded again next time.</source>
      <translation>Sistem anahtarlığı kullanılamıyor; görüntü önbelleği yalnızca iş istasyonunu kapatana kadar var olan bir anahtarla şifreleniyor. Açtığınız tetkikler bir dahaki sefere yeniden indirilecek.</translation>
    </message>
    <message>
      <source>The image cache key in the system keychain was unreadable and has been replaced. Previously cached studies will be downloaded again.</source>
      <translation>Sistem anahtarlığındaki görüntü önbelleği anahtarı okunamadı ve yenisiyle değiştirildi. Daha önce önbelleğe alınan tetkikler yeniden indirilecek.</translation>
    </message>
    <message>
      <source>Signed in, but the image cache could not be opened (%1). Check the disk and try again.</source>
      <translation>Oturum açıldı ancak görüntü önbelleği açılamadı (%1). Diski kontrol edip yeniden deneyin.</translation>
    </message>
  </context>
  <context>
    <name>AutoRefresh</name>
    <message>
      <source>How often the worklist reloads by itself</source>
      <translation>İş listesinin kendiliğinden ne sıklıkla yenileneceği</translation>
    </message>
    <message>
      <source>Beep on a new STAT study</source>
      <translation>Yeni ACİL tetkikte sesli uyarı</translation>
    </message>
    <message>
      <source>Auto-refresh: %1</source>
      <translation>Otomatik yenileme: %1</translation>
    </message>
    <message>
      <source>off</source>
      <translation>kapalı</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 dk</translation>
    </message>
    <message>
      <source>%1 s</source>
      <translation>%1 sn</translation>
    </message>
  </context>
  <context>
    <name>DemoHintPanel</name>
    <message>
      <source>Demo hub — sign in with the demo reader account</source>
      <translation>Demo merkez — demo okuyucu hesabıyla oturum açın</translation>
    </message>
    <message>
      <source>Fill in</source>
      <translation>Doldur</translation>
    </message>
    <message>
      <source>Put the demo username, password and current code in the form</source>
      <translation>Demo kullanıcı adını, parolayı ve geçerli kodu forma yaz</translation>
    </message>
    <message>
      <source>Username</source>
      <translation>Kullanıcı adı</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Parola</translation>
    </message>
    <message>
      <source>Current code</source>
      <translation>Geçerli kod</translation>
    </message>
    <message numerus="yes">
      <source>%n s left</source>
      <translation>
        <numerusform>%n sn kaldı</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DemoStartupDialog</name>
    <message>
      <source>Starting the demo hub — Workstation</source>
      <translation>Demo merkez başlatılıyor — İş İstasyonu</translation>
    </message>
    <message>
      <source>Preparing the demo hub</source>
      <translation>Demo merkez hazırlanıyor</translation>
    </message>
    <message>
      <source>The first start generates the demo studies and can take a minute.</source>
      <translation>İlk açılışta demo tetkikler oluşturulur; bu bir dakika sürebilir.</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>Başlatılıyor…</translation>
    </message>
    <message>
      <source>Demo hub</source>
      <translation>Demo merkez</translation>
    </message>
    <message>
      <source>The demo hub could not be started: %1</source>
      <translation>Demo merkez başlatılamadı: %1</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <source>Patient name, ID or accession…</source>
      <translation>Hasta adı, kimlik no veya erişim no…</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Durum</translation>
    </message>
    <message>
      <source>Modality</source>
      <translation>Modalite</translation>
    </message>
    <message>
      <source>All modalities</source>
      <translation>Tüm modaliteler</translation>
    </message>
    <message>
      <source>Hospital</source>
      <translation>Hastane</translation>
    </message>
    <message>
      <source>Priority</source>
      <translation>Öncelik</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Temizle</translation>
    </message>
    <message>
      <source>Show the whole worklist again</source>
      <translation>Tüm iş listesini yeniden göster</translation>
    </message>
    <message>
      <source>Study date</source>
      <translation>Tetkik tarihi</translation>
    </message>
    <message>
      <source>All hospitals</source>
      <translation>Tüm hastaneler</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>Tüm durumlar</translation>
    </message>
    <message>
      <source>To be read</source>
      <translation>Okunacak</translation>
    </message>
    <message>
      <source>Unread</source>
      <translation>Okunmadı</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>Okunuyor</translation>
    </message>
    <message>
      <source>Reported</source>
      <translation>Raporlandı</translation>
    </message>
    <message>
      <source>Preliminary</source>
      <translation>Ön rapor</translation>
    </message>
    <message>
      <source>Final</source>
      <translation>Kesin rapor</translation>
    </message>
    <message>
      <source>All priorities</source>
      <translation>Tüm öncelikler</translation>
    </message>
    <message>
      <source>STAT</source>
      <translation>ACİL</translation>
    </message>
    <message>
      <source>STAT and urgent</source>
      <translation>ACİL ve öncelikli</translation>
    </message>
    <message>
      <source>Urgent</source>
      <translation>Öncelikli</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Rutin</translation>
    </message>
  </context>
  <context>
    <name>KeyImageList</name>
    <message>
      <source>Series %1, image %2</source>
      <translation>Seri %1, görüntü %2</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Cannot reach the hub at %1. Check the network connection and try again.</source>
      <translation>%1 adresindeki merkeze ulaşılamıyor. Ağ bağlantısını kontrol edip yeniden deneyin.</translation>
    </message>
    <message>
      <source>Wrong username or password.</source>
      <translation>Kullanıcı adı veya parola yanlış.</translation>
    </message>
    <message>
      <source>The 6-digit code is wrong. Check your authenticator app and try again.</source>
      <translation>6 haneli kod yanlış. Doğrulama uygulamanızı kontrol edip yeniden deneyin.</translation>
    </message>
    <message>
      <source>This code has already been used. Wait for the next code (in %1 s) and enter it.</source>
      <translation>Bu kod zaten kullanıldı. Bir sonraki kodu bekleyin (%1 sn sonra) ve onu girin.</translation>
    </message>
    <message>
      <source>The sign-in took too long and has expired. Enter a fresh code and sign in again.</source>
      <translation>Oturum açma çok uzun sürdü ve süresi doldu. Yeni bir kod girip yeniden oturum açın.</translation>
    </message>
    <message>
      <source>Too many attempts. Wait a minute, then try again.</source>
      <translation>Çok fazla deneme. Bir dakika bekleyip yeniden deneyin.</translation>
    </message>
    <message>
      <source>This account is locked. Contact your administrator.</source>
      <translation>Bu hesap kilitli. Yöneticinize başvurun.</translation>
    </message>
    <message>
      <source>Your session has expired. Sign in again.</source>
      <translation>Oturumunuzun süresi doldu. Yeniden oturum açın.</translation>
    </message>
    <message>
      <source>Sign-in failed: %1</source>
      <translation>Oturum açılamadı: %1</translation>
    </message>
    <message>
      <source>Sign-in failed because of an unexpected error. Try again.</source>
      <translation>Beklenmeyen bir hata nedeniyle oturum açılamadı. Yeniden deneyin.</translation>
    </message>
    <message>
      <source>Sign in — Workstation</source>
      <translation>Oturum aç — İş İstasyonu</translation>
    </message>
    <message>
      <source>Sign in to the reading hub</source>
      <translation>Okuma merkezinde oturum açın</translation>
    </message>
    <message>
      <source>Hub: %1</source>
      <translation>Merkez: %1</translation>
    </message>
    <message>
      <source>Username</source>
      <translation>Kullanıcı adı</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Parola</translation>
    </message>
    <message>
      <source>6-digit code from your authenticator app</source>
      <translation>Doğrulama uygulamanızdaki 6 haneli kod</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Oturum aç</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Kod</translation>
    </message>
    <message>
      <source>Enter your username and password.</source>
      <translation>Kullanıcı adınızı ve parolanızı girin.</translation>
    </message>
    <message>
      <source>Enter the 6-digit code from your authenticator app.</source>
      <translation>Doğrulama uygulamanızdaki 6 haneli kodu girin.</translation>
    </message>
    <message>
      <source>Signing in…</source>
      <translation>Oturum açılıyor…</translation>
    </message>
    <message>
      <source>Signed in.</source>
      <translation>Oturum açıldı.</translation>
    </message>
  </context>
  <context>
    <name>MeasurementPanel</name>
    <message>
      <source>%1, image %2: %3</source>
      <translation>%1, görüntü %2: %3</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>any</source>
      <translation>tümü</translation>
    </message>
    <message>
      <source>Study date; Delete clears it</source>
      <translation>Tetkik tarihi; Delete tuşu temizler</translation>
    </message>
  </context>
  <context>
    <name>Presets</name>
    <message>
      <source>%1: W %2 / L %3 (key %4)</source>
      <translation>%1: G %2 / S %3 (tuş %4)</translation>
    </message>
    <message>
      <source>Abdomen</source>
      <translation>Batın</translation>
    </message>
    <message>
      <source>Bone</source>
      <translation>Kemik</translation>
    </message>
    <message>
      <source>Brain</source>
      <translation>Beyin</translation>
    </message>
    <message>
      <source>Liver</source>
      <translation>Karaciğer</translation>
    </message>
    <message>
      <source>Lung</source>
      <translation>Akciğer</translation>
    </message>
    <message>
      <source>Mediastinum</source>
      <translation>Mediasten</translation>
    </message>
    <message>
      <source>Stroke</source>
      <translation>İnme</translation>
    </message>
    <message>
      <source>Subdural</source>
      <translation>Subdural</translation>
    </message>
  </context>
  <context>
    <name>ReadingDesk</name>
    <message>
      <source>Read-only: your role does not sign reports.</source>
      <translation>Salt okunur: rolünüz rapor imzalayamaz.</translation>
    </message>
    <message>
      <source>No unread study is waiting on the worklist (with its filters).</source>
      <translation>İş listesinde (mevcut filtrelerle) bekleyen okunmamış tetkik yok.</translation>
    </message>
    <message>
      <source>Taking the reading lock…</source>
      <translation>Okuma kilidi alınıyor…</translation>
    </message>
    <message>
      <source>Reading lock: yours until %1</source>
      <translation>Okuma kilidi: %1 saatine kadar sizde</translation>
    </message>
    <message>
      <source>Reading lock: yours</source>
      <translation>Okuma kilidi: sizde</translation>
    </message>
    <message>
      <source>Renewed automatically while the study stays open.</source>
      <translation>Tetkik açık kaldıkça kendiliğinden yenilenir.</translation>
    </message>
    <message>
      <source>Read-only: %1 is reading this study.</source>
      <translation>Salt okunur: bu tetkiki %1 okuyor.</translation>
    </message>
    <message>
      <source>Read-only: %1</source>
      <translation>Salt okunur: %1</translation>
    </message>
    <message>
      <source>Held by %1</source>
      <translation>%1 tarafından kilitli</translation>
    </message>
    <message>
      <source>Their reading lock runs until %1.</source>
      <translation>Okuma kilidi %1 saatine kadar geçerli.</translation>
    </message>
    <message>
      <source>No reading lock</source>
      <translation>Okuma kilidi yok</translation>
    </message>
    <message>
      <source>The reading lock could not be taken (%1); another reader could open this study at the same time.</source>
      <translation>Okuma kilidi alınamadı (%1); başka bir okuyucu bu tetkiki aynı anda açabilir.</translation>
    </message>
    <message>
      <source>Unsent report</source>
      <translation>Gönderilmemiş rapor</translation>
    </message>
    <message>
      <source>The report of the open study has not been sent. Close the study and discard the text?</source>
      <translation>Açık tetkikin raporu gönderilmedi. Tetkik kapatılıp metin silinsin mi?</translation>
    </message>
  </context>
  <context>
    <name>ReloginDialog</name>
    <message>
      <source>Sign in again — Workstation</source>
      <translation>Yeniden oturum aç — İş İstasyonu</translation>
    </message>
    <message>
      <source>Your session has ended</source>
      <translation>Oturumunuz sona erdi</translation>
    </message>
    <message>
      <source>Only the reader who opened this session can continue it.</source>
      <translation>Bu oturumu yalnızca açan okuyucu sürdürebilir.</translation>
    </message>
    <message>
      <source>The hub no longer accepts this session: it expired or was ended elsewhere. Sign in again to continue. The open study, its images and your report text stay as they are.</source>
      <translation>Merkez bu oturumu artık kabul etmiyor: süresi doldu ya da başka bir yerde sonlandırıldı. Devam etmek için yeniden oturum açın. Açık tetkik, görüntüleri ve rapor metniniz olduğu gibi kalır.</translation>
    </message>
  </context>
  <context>
    <name>ReportPanel</name>
    <message>
      <source>Describe the findings…</source>
      <translation>Bulguları yazın…</translation>
    </message>
    <message>
      <source>Conclusion for the referring physician…</source>
      <translation>İstem yapan hekim için sonuç…</translation>
    </message>
    <message>
      <source>Sign and submit…</source>
      <translation>İmzala ve gönder…</translation>
    </message>
    <message>
      <source>Sign this report as final and send it to the hub</source>
      <translation>Bu raporu kesin olarak imzala ve merkeze gönder</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Bulgular</translation>
    </message>
    <message>
      <source>Impression</source>
      <translation>Sonuç</translation>
    </message>
    <message>
      <source>%1 must be filled in before signing.</source>
      <translation>İmzalamadan önce %1 doldurulmalıdır.</translation>
    </message>
    <message>
      <source>Submitting report…</source>
      <translation>Rapor gönderiliyor…</translation>
    </message>
    <message>
      <source>You are signed in again. Press Submit to send the report; it cannot be filed twice.</source>
      <translation>Yeniden oturum açtınız. Raporu göndermek için Gönder'e basın; rapor iki kez kaydedilemez.</translation>
    </message>
    <message>
      <source>Submit report</source>
      <translation>Raporu gönder</translation>
    </message>
    <message>
      <source>Sign and submit final report?</source>
      <translation>Kesin rapor imzalanıp gönderilsin mi?</translation>
    </message>
    <message>
      <source>Report submitted, version %1</source>
      <translation>Rapor gönderildi, sürüm %1</translation>
    </message>
    <message>
      <source>Report submitted.</source>
      <translation>Rapor gönderildi.</translation>
    </message>
    <message>
      <source>Your text is kept.</source>
      <translation>Metniniz korunuyor.</translation>
    </message>
    <message>
      <source>The report could not be submitted because of an unexpected error. Your text is kept.</source>
      <translation>Beklenmeyen bir hata nedeniyle rapor gönderilemedi. Metniniz korunuyor.</translation>
    </message>
    <message>
      <source>Your session has ended. Sign in again, then send the report.</source>
      <translation>Oturumunuz sona erdi. Yeniden oturum açıp raporu gönderin.</translation>
    </message>
    <message>
      <source>You are not allowed to report this study.</source>
      <translation>Bu tetkiki raporlama yetkiniz yok.</translation>
    </message>
    <message>
      <source>The hub no longer has this study in your worklist.</source>
      <translation>Bu tetkik artık merkezdeki iş listenizde değil.</translation>
    </message>
    <message>
      <source>The hub refused the report because the study has changed state (for example, it has already been signed).</source>
      <translation>Tetkikin durumu değiştiği için merkez raporu reddetti (örneğin zaten imzalanmış).</translation>
    </message>
    <message>
      <source>The hub could not be reached, so the report was not sent. Try again; it cannot be filed twice.</source>
      <translation>Merkeze ulaşılamadığı için rapor gönderilmedi. Yeniden deneyin; rapor iki kez kaydedilemez.</translation>
    </message>
    <message>
      <source>The report could not be submitted.</source>
      <translation>Rapor gönderilemedi.</translation>
    </message>
    <message>
      <source>Acc. %1</source>
      <translation>Erişim %1</translation>
    </message>
    <message>
      <source>Clinical notes: %1</source>
      <translation>Klinik bilgi: %1</translation>
    </message>
  </context>
  <context>
    <name>SavedFiltersWidget</name>
    <message>
      <source>Apply a saved filter</source>
      <translation>Kayıtlı bir filtre uygula</translation>
    </message>
    <message>
      <source>Save…</source>
      <translation>Kaydet…</translation>
    </message>
    <message>
      <source>Save the current filters under a name</source>
      <translation>Geçerli filtreleri bir adla kaydet</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Sil</translation>
    </message>
    <message>
      <source>Delete the selected saved filter</source>
      <translation>Seçili kayıtlı filtreyi sil</translation>
    </message>
    <message>
      <source>Saved filters…</source>
      <translation>Kayıtlı filtreler…</translation>
    </message>
    <message>
      <source>Save filter</source>
      <translation>Filtreyi kaydet</translation>
    </message>
    <message>
      <source>Name of the saved filter:</source>
      <translation>Kayıtlı filtrenin adı:</translation>
    </message>
  </context>
  <context>
    <name>ShortcutDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Klavye kısayolları</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Eylem</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>Tuşlar</translation>
    </message>
    <message>
      <source>Double-click an action, then press its new key.</source>
      <translation>Bir eyleme çift tıklayın, ardından yeni tuşuna basın.</translation>
    </message>
    <message>
      <source>Restore defaults</source>
      <translation>Varsayılanlara dön</translation>
    </message>
    <message>
      <source>Press the new key for “%1”.</source>
      <translation>“%1” için yeni tuşa basın.</translation>
    </message>
    <message>
      <source>%1 is already used by “%2”.</source>
      <translation>%1 zaten “%2” için kullanılıyor.</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>Kaydedildi.</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <source>MPR and 3D of the series (on or off)</source>
      <translation>Serinin MPR ve 3B görünümü (aç/kapat)</translation>
    </message>
    <message>
      <source>Thicker MPR slab</source>
      <translation>MPR kesit kalınlığını artır</translation>
    </message>
    <message>
      <source>Thinner MPR slab</source>
      <translation>MPR kesit kalınlığını azalt</translation>
    </message>
    <message>
      <source>MPR slab mode (MIP, MinIP, average)</source>
      <translation>MPR kalın kesit modu (MIP, MinIP, ortalama)</translation>
    </message>
    <message>
      <source>Angle</source>
      <translation>Açı</translation>
    </message>
    <message>
      <source>Automatic window from the histogram</source>
      <translation>Histogramdan otomatik pencere</translation>
    </message>
    <message>
      <source>Cancel the current tool</source>
      <translation>Geçerli aracı iptal et</translation>
    </message>
    <message>
      <source>Cobb angle</source>
      <translation>Cobb açısı</translation>
    </message>
    <message>
      <source>DICOM tag browser</source>
      <translation>DICOM etiket tarayıcısı</translation>
    </message>
    <message>
      <source>Delete all measurements on the image</source>
      <translation>Görüntüdeki tüm ölçümleri sil</translation>
    </message>
    <message>
      <source>Delete the selected measurement</source>
      <translation>Seçili ölçümü sil</translation>
    </message>
    <message>
      <source>Ellipse ROI</source>
      <translation>Elips İB</translation>
    </message>
    <message>
      <source>Faster cine</source>
      <translation>Sineyi hızlandır</translation>
    </message>
    <message>
      <source>First image</source>
      <translation>İlk görüntü</translation>
    </message>
    <message>
      <source>Fit the image to the viewport</source>
      <translation>Görüntüyü pencereye sığdır</translation>
    </message>
    <message>
      <source>Flip horizontally</source>
      <translation>Yatay çevir</translation>
    </message>
    <message>
      <source>Flip vertically</source>
      <translation>Dikey çevir</translation>
    </message>
    <message>
      <source>Four viewports</source>
      <translation>Dört görüntü alanı</translation>
    </message>
    <message>
      <source>Freehand ROI</source>
      <translation>Serbest çizim İB</translation>
    </message>
    <message>
      <source>Hide or show all overlays</source>
      <translation>Tüm katmanları gizle veya göster</translation>
    </message>
    <message>
      <source>Hide or show patient data</source>
      <translation>Hasta bilgilerini gizle veya göster</translation>
    </message>
    <message>
      <source>Invert grey levels</source>
      <translation>Gri düzeyleri ters çevir</translation>
    </message>
    <message>
      <source>Last image</source>
      <translation>Son görüntü</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>Uzunluk</translation>
    </message>
    <message>
      <source>Link scrolling</source>
      <translation>Kaydırmayı bağla</translation>
    </message>
    <message>
      <source>List key images</source>
      <translation>Anahtar görüntüleri listele</translation>
    </message>
    <message>
      <source>Mark or unmark key image</source>
      <translation>Anahtar görüntü işaretle veya kaldır</translation>
    </message>
    <message>
      <source>Next image</source>
      <translation>Sonraki görüntü</translation>
    </message>
    <message>
      <source>Next series</source>
      <translation>Sonraki seri</translation>
    </message>
    <message>
      <source>Next study</source>
      <translation>Sonraki tetkik</translation>
    </message>
    <message>
      <source>Next window of the image</source>
      <translation>Görüntünün sonraki penceresi</translation>
    </message>
    <message>
      <source>One image pixel per screen pixel</source>
      <translation>Bir görüntü pikseli bir ekran pikseline</translation>
    </message>
    <message>
      <source>One viewport</source>
      <translation>Tek görüntü alanı</translation>
    </message>
    <message>
      <source>Pixel probe</source>
      <translation>Piksel değeri</translation>
    </message>
    <message>
      <source>Previous image</source>
      <translation>Önceki görüntü</translation>
    </message>
    <message>
      <source>Previous series</source>
      <translation>Önceki seri</translation>
    </message>
    <message>
      <source>Previous study</source>
      <translation>Önceki tetkik</translation>
    </message>
    <message>
      <source>Previous window of the image</source>
      <translation>Görüntünün önceki penceresi</translation>
    </message>
    <message>
      <source>Rectangle ROI</source>
      <translation>Dikdörtgen İB</translation>
    </message>
    <message>
      <source>Reset view and window</source>
      <translation>Görünümü ve pencereyi sıfırla</translation>
    </message>
    <message>
      <source>Rotate 90 degrees clockwise</source>
      <translation>Saat yönünde 90 derece döndür</translation>
    </message>
    <message>
      <source>Rotate 90 degrees counter-clockwise</source>
      <translation>Saatin tersi yönünde 90 derece döndür</translation>
    </message>
    <message>
      <source>Slower cine</source>
      <translation>Sineyi yavaşlat</translation>
    </message>
    <message>
      <source>Start or stop cine</source>
      <translation>Sineyi başlat veya durdur</translation>
    </message>
    <message>
      <source>Ten images back</source>
      <translation>On görüntü geri</translation>
    </message>
    <message>
      <source>Ten images forward</source>
      <translation>On görüntü ileri</translation>
    </message>
    <message>
      <source>The image's own window</source>
      <translation>Görüntünün kendi penceresi</translation>
    </message>
    <message>
      <source>True physical size</source>
      <translation>Gerçek fiziksel boyut</translation>
    </message>
    <message>
      <source>Two viewports side by side</source>
      <translation>Yan yana iki görüntü alanı</translation>
    </message>
    <message>
      <source>Window preset 1</source>
      <translation>Pencere ön ayarı 1</translation>
    </message>
    <message>
      <source>Window preset 2</source>
      <translation>Pencere ön ayarı 2</translation>
    </message>
    <message>
      <source>Window preset 3</source>
      <translation>Pencere ön ayarı 3</translation>
    </message>
    <message>
      <source>Window preset 4</source>
      <translation>Pencere ön ayarı 4</translation>
    </message>
    <message>
      <source>Window preset 5</source>
      <translation>Pencere ön ayarı 5</translation>
    </message>
    <message>
      <source>Window preset 6</source>
      <translation>Pencere ön ayarı 6</translation>
    </message>
    <message>
      <source>Window preset 7</source>
      <translation>Pencere ön ayarı 7</translation>
    </message>
    <message>
      <source>Window preset 8</source>
      <translation>Pencere ön ayarı 8</translation>
    </message>
    <message>
      <source>Window preset 9</source>
      <translation>Pencere ön ayarı 9</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>Yakınlaştır</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>Uzaklaştır</translation>
    </message>
  </context>
  <context>
    <name>StatBanner</name>
    <message>
      <source>STAT</source>
      <translation>ACİL</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Göster</translation>
    </message>
    <message>
      <source>Select the new STAT study on the worklist</source>
      <translation>İş listesinde yeni ACİL tetkiki seç</translation>
    </message>
    <message>
      <source>Dismiss</source>
      <translation>Kapat</translation>
    </message>
    <message>
      <source>and %1 more</source>
      <translation>ve %1 tane daha</translation>
    </message>
    <message>
      <source>New STAT study on the worklist:</source>
      <translation>İş listesinde yeni ACİL tetkik:</translation>
    </message>
    <message>
      <source>%1 new STAT studies on the worklist:</source>
      <translation>İş listesinde %1 yeni ACİL tetkik:</translation>
    </message>
    <message>
      <source>waiting %1</source>
      <translation>%1 bekliyor</translation>
    </message>
    <message>
      <source>%1 min</source>
      <translation>%1 dk</translation>
    </message>
    <message>
      <source>%1 h %2 min</source>
      <translation>%1 sa %2 dk</translation>
    </message>
    <message>
      <source>%1 days</source>
      <translation>%1 gün</translation>
    </message>
  </context>
  <context>
    <name>StatCounter</name>
    <message>
      <source>STAT %1</source>
      <translation>ACİL %1</translation>
    </message>
    <message>
      <source>1 unread STAT study on the worklist.</source>
      <translation>İş listesinde 1 okunmamış ACİL tetkik var.</translation>
    </message>
    <message>
      <source>%1 unread STAT studies on the worklist.</source>
      <translation>İş listesinde %1 okunmamış ACİL tetkik var.</translation>
    </message>
    <message>
      <source>Click to show the worklist.</source>
      <translation>İş listesini göstermek için tıklayın.</translation>
    </message>
  </context>
  <context>
    <name>TagBrowser</name>
    <message>
      <source>DICOM tags</source>
      <translation>DICOM etiketleri</translation>
    </message>
    <message>
      <source>Search tag, keyword or value</source>
      <translation>Etiket, anahtar sözcük veya değer ara</translation>
    </message>
    <message>
      <source>Reading the image header…</source>
      <translation>Görüntü başlığı okunuyor…</translation>
    </message>
    <message>
      <source>Tag</source>
      <translation>Etiket</translation>
    </message>
    <message>
      <source>Keyword</source>
      <translation>Anahtar sözcük</translation>
    </message>
    <message>
      <source>VR</source>
      <translation>VR</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Değer</translation>
    </message>
    <message>
      <source>This image is not in the local cache.</source>
      <translation>Bu görüntü yerel önbellekte yok.</translation>
    </message>
    <message numerus="yes">
      <source>%n attribute(s)</source>
      <translation>
        <numerusform>%n öznitelik</numerusform>
      </translation>
    </message>
    <message>
      <source>The image header could not be read.</source>
      <translation>Görüntü başlığı okunamadı.</translation>
    </message>
  </context>
  <context>
    <name>ThumbnailStrip</name>
    <message>
      <source>Downloading %1/%2 (%3%)</source>
      <translation>İndiriliyor %1/%2 (%%3)</translation>
    </message>
    <message>
      <source>Ready</source>
      <translation>Hazır</translation>
    </message>
    <message>
      <source>Incomplete: %1/%2</source>
      <translation>Eksik: %1/%2</translation>
    </message>
    <message>
      <source>Download failed</source>
      <translation>İndirme başarısız</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>Bekliyor</translation>
    </message>
    <message>
      <source>Series %1</source>
      <translation>Seri %1</translation>
    </message>
    <message>
      <source>%1 images</source>
      <translation>%1 görüntü</translation>
    </message>
    <message>
      <source>(no description)</source>
      <translation>(açıklama yok)</translation>
    </message>
  </context>
  <context>
    <name>ViewerActions</name>
    <message>
      <source>%1 × %2</source>
      <translation>%1 × %2</translation>
    </message>
    <message>
      <source>This screen does not report its physical size.</source>
      <translation>Bu ekran fiziksel boyutunu bildirmiyor.</translation>
    </message>
  </context>
  <context>
    <name>ViewerToolbar</name>
    <message>
      <source>MPR / 3D</source>
      <translation>MPR / 3B</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>Otomatik</translation>
    </message>
    <message>
      <source>Cine</source>
      <translation>Sine</translation>
    </message>
    <message>
      <source>Hide patient data</source>
      <translation>Hasta bilgilerini gizle</translation>
    </message>
    <message>
      <source>Image</source>
      <translation>Görüntü</translation>
    </message>
    <message>
      <source>Invert</source>
      <translation>Ters çevir</translation>
    </message>
    <message>
      <source>Key image</source>
      <translation>Anahtar görüntü</translation>
    </message>
    <message>
      <source>Keyboard shortcuts…</source>
      <translation>Klavye kısayolları…</translation>
    </message>
    <message>
      <source>Layout</source>
      <translation>Düzen</translation>
    </message>
    <message>
      <source>Link</source>
      <translation>Bağla</translation>
    </message>
    <message>
      <source>Link here (keep this image offset)</source>
      <translation>Burada bağla (bu görüntü farkını koru)</translation>
    </message>
    <message>
      <source>Link window/level</source>
      <translation>Pencere/seviyeyi bağla</translation>
    </message>
    <message>
      <source>Link zoom</source>
      <translation>Yakınlaştırmayı bağla</translation>
    </message>
    <message>
      <source>Measure</source>
      <translation>Ölç</translation>
    </message>
    <message>
      <source>Measurement list</source>
      <translation>Ölçüm listesi</translation>
    </message>
    <message>
      <source>Move the report to another screen</source>
      <translation>Raporu başka bir ekrana taşı</translation>
    </message>
    <message>
      <source>Next study</source>
      <translation>Sonraki tetkik</translation>
    </message>
    <message>
      <source>No presets for this image</source>
      <translation>Bu görüntü için ön ayar yok</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Sıfırla</translation>
    </message>
    <message>
      <source>Tools</source>
      <translation>Araçlar</translation>
    </message>
    <message>
      <source>View</source>
      <translation>Görünüm</translation>
    </message>
    <message>
      <source>Window</source>
      <translation>Pencere</translation>
    </message>
    <message>
      <source>Window %1</source>
      <translation>Pencere %1</translation>
    </message>
  </context>
  <context>
    <name>ViewerWindow</name>
    <message>
      <source>Loading study…</source>
      <translation>Tetkik yükleniyor…</translation>
    </message>
    <message>
      <source>Asking the hub for the study…</source>
      <translation>Tetkik merkezden isteniyor…</translation>
    </message>
    <message>
      <source>Signed in again; continuing…</source>
      <translation>Yeniden oturum açıldı; devam ediliyor…</translation>
    </message>
    <message>
      <source>Opening series…</source>
      <translation>Seri açılıyor…</translation>
    </message>
    <message>
      <source>No window on key %1 for this image.</source>
      <translation>Bu görüntü için %1 tuşunda pencere yok.</translation>
    </message>
    <message>
      <source>This study has no images.</source>
      <translation>Bu tetkikte görüntü yok.</translation>
    </message>
    <message>
      <source>Downloading images…</source>
      <translation>Görüntüler indiriliyor…</translation>
    </message>
    <message>
      <source>Decoding images…</source>
      <translation>Görüntüler çözülüyor…</translation>
    </message>
    <message numerus="yes">
      <source>%n image(s) of a series could not be downloaded.</source>
      <translation>
        <numerusform>Bir serinin %n görüntüsü indirilemedi.</numerusform>
      </translation>
    </message>
    <message>
      <source>This series has no image that can be displayed.</source>
      <translation>Bu seride gösterilebilecek görüntü yok.</translation>
    </message>
    <message>
      <source>This series holds %1 image stacks; the largest is shown.</source>
      <translation>Bu seride %1 görüntü yığını var; en büyüğü gösteriliyor.</translation>
    </message>
    <message numerus="yes">
      <source>%n image(s) could not be shown.</source>
      <translation>
        <numerusform>%n görüntü gösterilemedi.</numerusform>
      </translation>
    </message>
    <message>
      <source>Your session has expired. Loading continues once you sign in again.</source>
      <translation>Oturumunuzun süresi doldu. Yeniden oturum açtığınızda yükleme devam eder.</translation>
    </message>
    <message>
      <source>The hub cannot be reached. Check the connection and click the series to try again.</source>
      <translation>Merkeze ulaşılamıyor. Bağlantıyı kontrol edin ve yeniden denemek için seriye tıklayın.</translation>
    </message>
    <message>
      <source>The hub refused the request: %1</source>
      <translation>Merkez isteği reddetti: %1</translation>
    </message>
    <message>
      <source>The images of this series could not be decoded.</source>
      <translation>Bu serinin görüntüleri çözülemedi.</translation>
    </message>
    <message>
      <source>The study could not be opened because of an unexpected error.</source>
      <translation>Beklenmeyen bir hata nedeniyle tetkik açılamadı.</translation>
    </message>
    <message>
      <source>Image %1/%2   W %3  L %4   Zoom %5</source>
      <translation>Görüntü %1/%2   G %3  S %4   Büyütme %5</translation>
    </message>
    <message>
      <source>Viewer</source>
      <translation>Görüntüleyici</translation>
    </message>
    <message numerus="yes">
      <source>%n series</source>
      <translation>
        <numerusform>%n seri</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Viewport</name>
    <message>
      <source>No series loaded</source>
      <translation>Yüklü seri yok</translation>
    </message>
  </context>
  <context>
    <name>ViewportCell</name>
    <message>
      <source>Drag a series here</source>
      <translation>Bir seriyi buraya sürükleyin</translation>
    </message>
  </context>
  <context>
    <name>WorklistModel</name>
    <message>
      <source>Priority</source>
      <translation>Öncelik</translation>
    </message>
    <message>
      <source>Patient</source>
      <translation>Hasta</translation>
    </message>
    <message>
      <source>Patient ID</source>
      <translation>Hasta no</translation>
    </message>
    <message>
      <source>Accession</source>
      <translation>Erişim no</translation>
    </message>
    <message>
      <source>Modality</source>
      <translation>Modalite</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Açıklama</translation>
    </message>
    <message>
      <source>Study date</source>
      <translation>Tetkik tarihi</translation>
    </message>
    <message>
      <source>Hospital</source>
      <translation>Hastane</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Durum</translation>
    </message>
    <message>
      <source>Reader</source>
      <translation>Okuyucu</translation>
    </message>
    <message>
      <source>Critical result</source>
      <translation>Kritik sonuç</translation>
    </message>
    <message>
      <source>Priors</source>
      <translation>Önceki tetkikler</translation>
    </message>
    <message>
      <source>STAT</source>
      <translation>ACİL</translation>
    </message>
    <message>
      <source>URGENT</source>
      <translation>ÖNCELİKLİ</translation>
    </message>
    <message>
      <source>Routine</source>
      <translation>Rutin</translation>
    </message>
    <message>
      <source>Unread</source>
      <translation>Okunmadı</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>Okunuyor</translation>
    </message>
    <message>
      <source>Reported (preliminary)</source>
      <translation>Raporlandı (ön rapor)</translation>
    </message>
    <message>
      <source>Reported (final)</source>
      <translation>Raporlandı (kesin)</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>Benim</translation>
    </message>
    <message>
      <source>Held by %1</source>
      <translation>%1 tarafından kilitli</translation>
    </message>
    <message>
      <source>You hold the reading lock until %1.</source>
      <translation>Okuma kilidi %1 saatine kadar sizde.</translation>
    </message>
    <message>
      <source>You hold the reading lock.</source>
      <translation>Okuma kilidi sizde.</translation>
    </message>
    <message>
      <source>%1 holds the reading lock until %2; the study opens read-only.</source>
      <translation>Okuma kilidi %2 saatine kadar %1 kullanıcısında; tetkik salt okunur açılır.</translation>
    </message>
    <message>
      <source>%1 holds the reading lock; the study opens read-only.</source>
      <translation>Okuma kilidi %1 kullanıcısında; tetkik salt okunur açılır.</translation>
    </message>
    <message>
      <source>%1 unacknowledged</source>
      <translation>%1 onaylanmadı</translation>
    </message>
    <message>
      <source>A critical result was communicated and not yet acknowledged by the recipient.</source>
      <translation>Kritik bir sonuç bildirildi ve alıcı henüz onaylamadı.</translation>
    </message>
    <message>
      <source>%1 critical result communications not yet acknowledged by the recipients.</source>
      <translation>Alıcıların henüz onaylamadığı %1 kritik sonuç bildirimi var.</translation>
    </message>
  </context>
  <context>
    <name>WorklistWindow</name>
    <message>
      <source>Worklist — %1</source>
      <translation>İş listesi — %1</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Yenile</translation>
    </message>
    <message>
      <source>Reload the worklist from the hub (F5)</source>
      <translation>İş listesini merkezden yeniden yükle (F5)</translation>
    </message>
    <message>
      <source>Next study</source>
      <translation>Sonraki tetkik</translation>
    </message>
    <message>
      <source>Open the next unread study in priority order (Ctrl+N)</source>
      <translation>Öncelik sırasına göre sonraki okunmamış tetkiki aç (Ctrl+N)</translation>
    </message>
    <message>
      <source>Worklist</source>
      <translation>İş listesi</translation>
    </message>
    <message>
      <source>Loading worklist…</source>
      <translation>İş listesi yükleniyor…</translation>
    </message>
    <message>
      <source>Signed out. Press F5 to sign in again and reload the worklist.</source>
      <translation>Oturum kapandı. Yeniden oturum açıp iş listesini yüklemek için F5'e basın.</translation>
    </message>
    <message>
      <source>Signed in again.</source>
      <translation>Yeniden oturum açıldı.</translation>
    </message>
    <message numerus="yes">
      <source>%n studies</source>
      <translation>
        <numerusform>%n tetkik</numerusform>
      </translation>
    </message>
    <message>
      <source>first %1 studies (narrow the filters to see the rest)</source>
      <translation>ilk %1 tetkik (kalanını görmek için filtreleri daraltın)</translation>
    </message>
    <message numerus="yes">
      <source>%n STAT unread</source>
      <translation>
        <numerusform>%n okunmamış ACİL</numerusform>
      </translation>
    </message>
    <message>
      <source>updated %1</source>
      <translation>güncellendi %1</translation>
    </message>
    <message>
      <source>Session expired. Sign in again.</source>
      <translation>Oturumun süresi doldu. Yeniden oturum açın.</translation>
    </message>
    <message>
      <source>The hub cannot be reached. Press F5 to try again.</source>
      <translation>Merkeze ulaşılamıyor. Yeniden denemek için F5'e basın.</translation>
    </message>
    <message>
      <source>Could not load the worklist: %1</source>
      <translation>İş listesi yüklenemedi: %1</translation>
    </message>
    <message>
      <source>Could not load the worklist because of an unexpected error.</source>
      <translation>Beklenmeyen bir hata nedeniyle iş listesi yüklenemedi.</translation>
    </message>
  </context>
  <context>
    <name>box</name>
    <message>
      <source> fps</source>
      <translation> kare/sn</translation>
    </message>
    <message>
      <source>Cine frame rate (images per second)</source>
      <translation>Sine kare hızı (saniyedeki görüntü)</translation>
    </message>
  </context>
  <context>
    <name>self.viewer</name>
    <message>
      <source>Marked as key image.</source>
      <translation>Anahtar görüntü olarak işaretlendi.</translation>
    </message>
    <message>
      <source>Key image mark removed.</source>
      <translation>Anahtar görüntü işareti kaldırıldı.</translation>
    </message>
  </context>
  <context>
    <name>viewer</name>
    <message>
      <source>Key images</source>
      <translation>Anahtar görüntüler</translation>
    </message>
    <message>
      <source>Measurements</source>
      <translation>Ölçümler</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapor</translation>
    </message>
  </context>
  <context>
    <name>MprMode</name>
    <message>
      <source>Open a series first.</source>
      <translation>Önce bir seri açın.</translation>
    </message>
    <message>
      <source>MPR needs a grayscale series.</source>
      <translation>MPR için gri tonlamalı bir seri gerekir.</translation>
    </message>
    <message>
      <source>MPR needs a series of at least %1 slices.</source>
      <translation>MPR için en az %1 kesitlik bir seri gerekir.</translation>
    </message>
    <message>
      <source>This series cannot be reformatted: %1</source>
      <translation>Bu seri yeniden biçimlendirilemiyor: %1</translation>
    </message>
    <message>
      <source>MPR</source>
      <translation>MPR</translation>
    </message>
  </context>
  <context>
    <name>MprView</name>
    <message>
      <source>Clip box around the crosshair</source>
      <translation>Artı imleci çevresinde kırpma kutusu</translation>
    </message>
    <message>
      <source>Reset the 3D view</source>
      <translation>3B görünümü sıfırla</translation>
    </message>
  </context>
  <context>
    <name>VolumePresets</name>
    <message>
      <source>CT bone</source>
      <translation>BT kemik</translation>
    </message>
    <message>
      <source>CT soft tissue</source>
      <translation>BT yumuşak doku</translation>
    </message>
    <message>
      <source>CT angio (vessels)</source>
      <translation>BT anjiyo (damarlar)</translation>
    </message>
    <message>
      <source>CT lung</source>
      <translation>BT akciğer</translation>
    </message>
    <message>
      <source>MR default</source>
      <translation>MR varsayılan</translation>
    </message>
  </context>
</TS>